package io.celestialnexus.engine.status;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.celestialnexus.engine.testing.ManualClock;
import io.celestialnexus.engine.testing.TestEngineSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusBoardTest {

  @JUnit5TestKit
  public ActorTestKit testKit = ActorTestKit.create(ManualTime.config().withFallback(ConfigFactory.load()));

  private final ManualTime time = ManualTime.get(testKit.system());
  private final ManualClock clock = new ManualClock();

  @TempDir Path root;

  private void advance(Duration duration) {
    clock.advance(duration);
    time.timePasses(duration);
  }

  private static TaskStatus status(String name, TaskState state, boolean started, long restarts) {
    return new TaskStatus(
        name, state, Instant.EPOCH, started, null, null, Map.of(), 0, restarts, null, null, ScheduleDecision.none(false), 0);
  }

  private StatusSettings settings(String overrides) {
    return TestEngineSettings.settings(root, overrides).status();
  }

  /** Settings over a directory of the test's own, with no files from other tests. */
  private StatusSettings freshSettings() throws IOException {
    return TestEngineSettings.settings(Files.createTempDirectory(root, "board"), "").status();
  }

  /**
   * The blocking dispatcher, counting the file work still running: the board does not wait for its writes when it
   * stops, so a test ends only once they are done (else they would race the temp directory's removal).
   */
  private final TrackedIo io =
      new TrackedIo(testKit.system().dispatchers().lookup(DispatcherSelector.blocking()));

  private static final class TrackedIo implements Executor {
    private final Executor dispatcher;
    private final AtomicInteger running = new AtomicInteger();

    TrackedIo(Executor dispatcher) {
      this.dispatcher = dispatcher;
    }

    @Override
    public void execute(Runnable work) {
      running.incrementAndGet();
      dispatcher.execute(
          () -> {
            try {
              work.run();
            } finally {
              running.decrementAndGet();
            }
          });
    }
  }

  @AfterEach
  void fileWorkIsDone() {
    testKit.createTestProbe().awaitAssert(ofSeconds(5), () -> {
      assertEquals(0, io.running.get(), "file work still running");
      return null;
    });
  }

  private ActorRef<StatusBoard.Command> board(StatusSettings settings, SimpleMeterRegistry registry) {
    return testKit.spawn(StatusBoard.create(settings, clock, registry, "test", io));
  }

  private JsonNode awaitJson(TestProbe<?> probe, Path file, java.util.function.Predicate<JsonNode> condition) {
    return probe.awaitAssert(
        ofSeconds(5),
        () -> {
          JsonNode json = StatusJson.mapper().readTree(file.toFile());
          assertTrue(condition.test(json), () -> "not yet: " + json);
          return json;
        });
  }

  @Test
  void rewritesTheStatusFileSoonAfterAChangeWithoutLeavingTempFiles() throws IOException {
    StatusSettings settings = settings("");
    TestProbe<Done> probe = testKit.createTestProbe();
    ActorRef<StatusBoard.Command> board = board(settings, new SimpleMeterRegistry());
    board.tell(new StatusBoard.TasksDeclared(List.of("alpha")));
    board.tell(new StatusBoard.TaskUpdated(status("alpha", TaskState.RUNNING, true, 0)));
    advance(settings.minInterval());

    JsonNode json = awaitJson(probe, settings.statusFile(), j -> j.path("tasks").path(0).path("state").asText().equals("RUNNING"));
    assertEquals("PASS", json.get("health").asText());
    assertEquals("alpha", json.get("tasks").get(0).get("name").asText());
    try (Stream<Path> files = Files.list(settings.statusFile().getParent())) {
      assertEquals(List.of("status.json"), files.map(p -> p.getFileName().toString()).toList());
    }
    testKit.stop(board);
  }

  @Test
  void refreshesTheStatusFileEvenWhenNothingChanges() {
    StatusSettings settings = settings("");
    TestProbe<Done> probe = testKit.createTestProbe();
    ActorRef<StatusBoard.Command> board = board(settings, new SimpleMeterRegistry());
    String first = awaitJson(probe, settings.statusFile(), j -> true).get("generatedAt").asText();
    advance(ofSeconds(15));
    String refreshed = clock.instant().toString();
    awaitJson(probe, settings.statusFile(), j -> j.get("generatedAt").asText().equals(refreshed));
    assertFalse(first.equals(refreshed));
    testKit.stop(board);
  }

  @Test
  void keepsOnlyTheNewestAlertsInAlertsJsonAndCountsThem() {
    StatusSettings settings = settings("nexus.engine.alerts.max-entries = 3");
    var registry = new SimpleMeterRegistry();
    TestProbe<Done> probe = testKit.createTestProbe();
    ActorRef<StatusBoard.Command> board = board(settings, registry);
    for (int i = 1; i <= 5; i++) {
      board.tell(new StatusBoard.RaiseAlert(Alert.FLAPPING, "t" + i, "message " + i));
    }
    JsonNode alerts = awaitJson(probe, settings.alertsFile(), j -> j.size() == 3 && j.get(2).get("task").asText().equals("t5"));
    assertEquals("t3", alerts.get(0).get("task").asText());
    assertEquals(5.0, registry.get("nexus.alerts").tag("kind", Alert.FLAPPING).counter().count());
    testKit.stop(board);
  }

  @Test
  void reloadsEarlierAlertsAfterARestart() {
    StatusSettings settings = settings("");
    TestProbe<StatusSnapshot> probe = testKit.createTestProbe();
    ActorRef<StatusBoard.Command> first = board(settings, new SimpleMeterRegistry());
    first.tell(new StatusBoard.RaiseAlert(Alert.FLAPPING, "old", "before the restart"));
    awaitJson(probe, settings.alertsFile(), j -> j.size() == 1);
    testKit.stop(first);

    ActorRef<StatusBoard.Command> second = board(settings, new SimpleMeterRegistry());
    second.tell(new StatusBoard.RaiseAlert(Alert.FLAPPING, "new", "after the restart"));
    second.tell(new StatusBoard.GetStatus(probe.getRef()));
    List<Alert> recent = probe.receiveMessage().recentAlerts();
    assertEquals(List.of("old", "new"), recent.stream().map(Alert::task).toList());
    testKit.stop(second);
  }

  @Test
  void raisesOneAlertPerRestartStorm() {
    StatusSettings settings = settings("nexus.engine.alerts { storm-restarts = 3, storm-window = 5m }");
    TestProbe<StatusSnapshot> probe = testKit.createTestProbe();
    ActorRef<StatusBoard.Command> board = board(settings, new SimpleMeterRegistry());
    for (int restarts = 1; restarts <= 6; restarts++) {
      board.tell(new StatusBoard.TaskUpdated(status(restarts % 2 == 0 ? "a" : "b", TaskState.RUNNING, true, (restarts + 1) / 2)));
    }
    board.tell(new StatusBoard.GetStatus(probe.getRef()));
    List<Alert> alerts = probe.receiveMessage().recentAlerts();
    assertEquals(1, alerts.size());
    assertEquals(Alert.RESTART_STORM, alerts.get(0).kind());
    testKit.stop(board);
  }

  @Test
  void isReadyOnlyOnceEveryDeclaredTaskStartedAndEveryComponentIsUp() {
    StatusSettings settings = settings("");
    TestProbe<StatusSnapshot> probe = testKit.createTestProbe();
    ActorRef<StatusBoard.Command> board = board(settings, new SimpleMeterRegistry());
    board.tell(new StatusBoard.TasksDeclared(List.of("a", "b")));
    board.tell(new StatusBoard.TaskUpdated(status("a", TaskState.RUNNING, true, 0)));
    board.tell(new StatusBoard.GetStatus(probe.getRef()));
    StatusSnapshot partly = probe.receiveMessage();
    assertFalse(partly.ready());
    assertEquals(Health.WARN, partly.health());

    board.tell(new StatusBoard.TaskUpdated(status("b", TaskState.RUNNING, true, 0)));
    board.tell(new StatusBoard.GetStatus(probe.getRef()));
    assertTrue(probe.receiveMessage().ready());

    board.tell(new StatusBoard.ComponentUpdated("storage", false, "connection refused"));
    board.tell(new StatusBoard.GetStatus(probe.getRef()));
    StatusSnapshot down = probe.receiveMessage();
    assertFalse(down.ready());
    assertEquals(Health.FAIL, down.health());
    testKit.stop(board);
  }

  @Test
  void writeFinalRepliesOnceTheFileIsOnDisk() throws IOException {
    StatusSettings settings = settings("");
    TestProbe<Done> probe = testKit.createTestProbe();
    ActorRef<StatusBoard.Command> board = board(settings, new SimpleMeterRegistry());
    board.tell(new StatusBoard.TasksDeclared(List.of("a")));
    board.tell(new StatusBoard.TaskUpdated(status("a", TaskState.STOPPED, true, 0)));
    board.tell(new StatusBoard.WriteFinal(probe.getRef()));
    probe.receiveMessage();
    JsonNode json = StatusJson.mapper().readTree(settings.statusFile().toFile());
    assertEquals("STOPPED", json.get("tasks").get(0).get("state").asText());
    testKit.stop(board);
  }

  @Test
  void theFinalStatusReportsEveryComponentStoppedAndALateCheckCannotRaiseItAgain() throws IOException {
    StatusSettings settings = settings("");
    TestProbe<Done> done = testKit.createTestProbe();
    TestProbe<StatusSnapshot> probe = testKit.createTestProbe();
    ActorRef<StatusBoard.Command> board = board(settings, new SimpleMeterRegistry());
    board.tell(new StatusBoard.TasksDeclared(List.of("a")));
    board.tell(new StatusBoard.ComponentUpdated("storage", true, "h2 /data/journal/nexus.mv.db"));
    board.tell(new StatusBoard.ComponentUpdated("wechat", true, "listening on 127.0.0.1:9090"));
    board.tell(new StatusBoard.TaskUpdated(status("a", TaskState.STOPPED, true, 0)));
    board.tell(new StatusBoard.WriteFinal(done.getRef()));
    done.receiveMessage();
    JsonNode json = StatusJson.mapper().readTree(settings.statusFile().toFile());
    assertEquals(2, json.get("components").size(), json.toString());
    for (JsonNode component : json.get("components")) {
      assertFalse(component.get("up").asBoolean(), component.toString());
      assertEquals(StatusBoard.STOPPED_DETAIL, component.get("detail").asText(), component.toString());
    }
    assertEquals("WARN", json.get("health").asText(), "a stopped node's verdict is its stopped tasks', not an outage");
    assertFalse(json.get("ready").asBoolean());

    board.tell(new StatusBoard.ComponentUpdated("storage", true, "h2 /data/journal/nexus.mv.db"));
    board.tell(new StatusBoard.GetStatus(probe.getRef()));
    assertFalse(probe.receiveMessage().components().get(0).up(), "stays stopped");
    testKit.stop(board);
  }

  /** Holds the board's file reads and writes until the test runs them, one at a time, in order. */
  private static final class HeldIo implements Executor {
    private final BlockingQueue<Runnable> held = new LinkedBlockingQueue<>();

    @Override
    public void execute(Runnable work) {
      held.add(work);
    }

    int pending() {
      return held.size();
    }

    void runNext() throws InterruptedException {
      Runnable next = held.poll(5, TimeUnit.SECONDS);
      assertNotNull(next, "the board asked for no file work");
      next.run();
    }
  }

  /** Throws on the first timestamp asked after {@link #trip()}: the board fails and its parent restarts it. */
  private static final class TrippingClock extends Clock {
    private final AtomicBoolean armed = new AtomicBoolean();

    void trip() {
      armed.set(true);
    }

    @Override
    public Instant instant() {
      if (armed.getAndSet(false)) {
        throw new IllegalStateException("tripped on purpose");
      }
      return Instant.now();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  private static Set<Thread> liveThreads() {
    return Set.copyOf(Thread.getAllStackTraces().keySet());
  }

  @Test
  void restartsLeaveNoThreadOfItsOwnBehind() throws IOException {
    StatusSettings settings = freshSettings();
    var tripping = new TrippingClock();
    TestProbe<StatusSnapshot> probe = testKit.createTestProbe();
    ActorRef<StatusBoard.Command> board =
        testKit.spawn(
            Behaviors.supervise(StatusBoard.create(settings, tripping, new SimpleMeterRegistry(), "test", io))
                .onFailure(SupervisorStrategy.restart()));
    board.tell(new StatusBoard.GetStatus(probe.getRef()));
    Instant startedAt = probe.receiveMessage().node().startedAt();
    Set<Thread> before = liveThreads();

    for (int restart = 1; restart <= 5; restart++) {
      tripping.trip();
      board.tell(new StatusBoard.ComponentUpdated("storage", true, "restart " + restart)); // fails, so it restarts
      board.tell(new StatusBoard.RaiseAlert(Alert.FLAPPING, "t" + restart, "after restart " + restart));
      int expected = restart;
      awaitJson(probe, settings.alertsFile(), j -> j.size() == expected); // this incarnation read, then wrote
      board.tell(new StatusBoard.GetStatus(probe.getRef()));
      Instant restartedAt = probe.receiveMessage().node().startedAt();
      assertTrue(restartedAt.isAfter(startedAt), "a new incarnation answers");
      startedAt = restartedAt;
    }

    String ours = testKit.system().name();
    List<String> leaked =
        liveThreads().stream()
            .filter(thread -> !before.contains(thread) && !thread.getName().startsWith(ours))
            .map(Thread::getName)
            .toList();
    assertEquals(List.of(), leaked, "threads started by the board that outlived its incarnations");
    testKit.stop(board);
  }

  @Test
  void stopsAtOnceWhileAWriteIsStillRunning() throws Exception {
    var held = new HeldIo();
    ActorRef<StatusBoard.Command> board =
        testKit.spawn(StatusBoard.create(freshSettings(), clock, new SimpleMeterRegistry(), "test", held));
    held.runNext(); // alerts read back; the first status write stays held, as on a disk that hangs

    testKit.stop(board, ofSeconds(1)); // fails unless the board is gone within a second
    assertEquals(1, held.pending(), "the held write was neither waited for nor run");
  }

  @Test
  void readsItsAlertsBackOffItsOwnThreadAndAnswersStatusOnceTheyAreIn() throws Exception {
    StatusSettings settings = freshSettings();
    Files.createDirectories(settings.alertsFile().getParent());
    Files.write(
        settings.alertsFile(),
        StatusJson.mapper().writeValueAsBytes(List.of(new Alert(Instant.EPOCH, Alert.FLAPPING, "kept", "from before"))));
    var held = new HeldIo();
    TestProbe<StatusSnapshot> probe = testKit.createTestProbe();
    ActorRef<StatusBoard.Command> board =
        testKit.spawn(StatusBoard.create(settings, clock, new SimpleMeterRegistry(), "test", held));

    board.tell(new StatusBoard.GetStatus(probe.getRef()));
    probe.expectNoMessage(ofMillis(200)); // the file is read only when the IO executor runs it
    held.runNext();

    assertEquals(List.of("kept"), probe.receiveMessage().recentAlerts().stream().map(Alert::task).toList());
    testKit.stop(board);
  }

  @Test
  void aWriteAskedWhileOneRunsWaitsForItThenWritesTheNewestStateOnce() throws Exception {
    StatusSettings settings = freshSettings();
    var held = new HeldIo();
    TestProbe<Done> done = testKit.createTestProbe();
    TestProbe<StatusSnapshot> probe = testKit.createTestProbe();
    ActorRef<StatusBoard.Command> board =
        testKit.spawn(StatusBoard.create(settings, clock, new SimpleMeterRegistry(), "test", held));
    held.runNext(); // alerts read back; the first status write is now running (held)

    board.tell(new StatusBoard.TasksDeclared(List.of("a")));
    board.tell(new StatusBoard.WriteFinal(done.getRef()));
    board.tell(new StatusBoard.TaskUpdated(status("a", TaskState.RUNNING, true, 0)));
    board.tell(new StatusBoard.TaskUpdated(status("a", TaskState.STOPPED, true, 0)));
    board.tell(new StatusBoard.GetStatus(probe.getRef()));
    probe.receiveMessage(); // every message above has been handled
    assertEquals(1, held.pending(), "one write at a time");

    held.runNext(); // the first write ends; the one asked meanwhile starts, with the newest state
    done.expectNoMessage(ofMillis(100));
    assertEquals(1, held.pending());
    held.runNext();

    done.receiveMessage();
    JsonNode json = StatusJson.mapper().readTree(settings.statusFile().toFile());
    assertEquals("STOPPED", json.get("tasks").get(0).get("state").asText());
    assertEquals(0, held.pending(), "nothing else was due");
    testKit.stop(board);
  }

  @Test
  void writeFinalRepliesOnlyOnceTheAlertsDueAreWrittenToo() throws Exception {
    StatusSettings settings = freshSettings();
    var held = new HeldIo();
    TestProbe<Done> done = testKit.createTestProbe();
    ActorRef<StatusBoard.Command> board =
        testKit.spawn(StatusBoard.create(settings, clock, new SimpleMeterRegistry(), "test", held));
    held.runNext(); // alerts read back; the first status write is running (held)

    board.tell(new StatusBoard.RaiseAlert(Alert.FLAPPING, "last", "raised during the stop"));
    board.tell(new StatusBoard.WriteFinal(done.getRef()));
    held.runNext(); // the first status write
    held.runNext(); // the final status write
    done.expectNoMessage(ofMillis(100));
    held.runNext(); // the alert

    done.receiveMessage();
    assertEquals(1, StatusJson.mapper().readTree(settings.alertsFile().toFile()).size());
    testKit.stop(board);
  }
}
