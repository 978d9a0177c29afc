package io.celestialnexus.engine.status;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.celestialnexus.engine.EngineSettings;
import io.celestialnexus.engine.task.TaskState;
import io.celestialnexus.engine.testing.ManualClock;
import io.celestialnexus.engine.testing.TestEngineSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
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

  private ActorRef<StatusBoard.Command> board(EngineSettings settings, SimpleMeterRegistry registry) {
    return testKit.spawn(StatusBoard.create(settings, clock, registry, "test"));
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
    EngineSettings settings = TestEngineSettings.settings(root, "");
    TestProbe<Done> probe = testKit.createTestProbe();
    ActorRef<StatusBoard.Command> board = board(settings, new SimpleMeterRegistry());
    board.tell(new StatusBoard.TasksDeclared(List.of("alpha")));
    board.tell(new StatusBoard.TaskUpdated(status("alpha", TaskState.RUNNING, true, 0)));
    advance(settings.statusFile().minInterval());

    JsonNode json = awaitJson(probe, settings.paths().statusFile(), j -> j.path("tasks").path(0).path("state").asText().equals("RUNNING"));
    assertEquals("PASS", json.get("health").asText());
    assertEquals("alpha", json.get("tasks").get(0).get("name").asText());
    try (Stream<Path> files = Files.list(settings.paths().reportsDir())) {
      assertEquals(List.of("status.json"), files.map(p -> p.getFileName().toString()).toList());
    }
    testKit.stop(board);
  }

  @Test
  void refreshesTheStatusFileEvenWhenNothingChanges() {
    EngineSettings settings = TestEngineSettings.settings(root, "");
    TestProbe<Done> probe = testKit.createTestProbe();
    ActorRef<StatusBoard.Command> board = board(settings, new SimpleMeterRegistry());
    String first = awaitJson(probe, settings.paths().statusFile(), j -> true).get("generatedAt").asText();
    advance(ofSeconds(15));
    String refreshed = clock.instant().toString();
    awaitJson(probe, settings.paths().statusFile(), j -> j.get("generatedAt").asText().equals(refreshed));
    assertFalse(first.equals(refreshed));
    testKit.stop(board);
  }

  @Test
  void keepsOnlyTheNewestAlertsInAlertsJsonAndCountsThem() {
    EngineSettings settings = TestEngineSettings.settings(root, "nexus.engine.alerts.max-entries = 3");
    var registry = new SimpleMeterRegistry();
    TestProbe<Done> probe = testKit.createTestProbe();
    ActorRef<StatusBoard.Command> board = board(settings, registry);
    for (int i = 1; i <= 5; i++) {
      board.tell(new StatusBoard.RaiseAlert(Alert.FLAPPING, "t" + i, "message " + i));
    }
    JsonNode alerts = awaitJson(probe, settings.paths().alertsFile(), j -> j.size() == 3 && j.get(2).get("task").asText().equals("t5"));
    assertEquals("t3", alerts.get(0).get("task").asText());
    assertEquals(5.0, registry.get("nexus.alerts").tag("kind", Alert.FLAPPING).counter().count());
    testKit.stop(board);
  }

  @Test
  void reloadsEarlierAlertsAfterARestart() {
    EngineSettings settings = TestEngineSettings.settings(root, "");
    TestProbe<StatusSnapshot> probe = testKit.createTestProbe();
    ActorRef<StatusBoard.Command> first = board(settings, new SimpleMeterRegistry());
    first.tell(new StatusBoard.RaiseAlert(Alert.FLAPPING, "old", "before the restart"));
    awaitJson(probe, settings.paths().alertsFile(), j -> j.size() == 1);
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
    EngineSettings settings =
        TestEngineSettings.settings(root, "nexus.engine.alerts { storm-restarts = 3, storm-window = 5m }");
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
    EngineSettings settings = TestEngineSettings.settings(root, "");
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
    EngineSettings settings = TestEngineSettings.settings(root, "");
    TestProbe<Done> probe = testKit.createTestProbe();
    ActorRef<StatusBoard.Command> board = board(settings, new SimpleMeterRegistry());
    board.tell(new StatusBoard.TasksDeclared(List.of("a")));
    board.tell(new StatusBoard.TaskUpdated(status("a", TaskState.STOPPED, true, 0)));
    board.tell(new StatusBoard.WriteFinal(probe.getRef()));
    probe.receiveMessage();
    JsonNode json = StatusJson.mapper().readTree(settings.paths().statusFile().toFile());
    assertEquals("STOPPED", json.get("tasks").get(0).get("state").asText());
    testKit.stop(board);
  }
}
