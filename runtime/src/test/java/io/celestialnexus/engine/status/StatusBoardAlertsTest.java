package io.celestialnexus.engine.status;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.celestialnexus.engine.testing.ManualClock;
import io.celestialnexus.engine.testing.TestEngineSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What the board raises and resolves on its own, as its outlet (delivery to people) sees it. */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusBoardAlertsTest {

  @JUnit5TestKit
  public ActorTestKit testKit = ActorTestKit.create(ManualTime.config().withFallback(ConfigFactory.load()));

  private final ManualTime time = ManualTime.get(testKit.system());
  private final ManualClock clock = new ManualClock();

  @TempDir Path root;

  /** File work runs inline: these tests look at alerts, not files (a test's temp dir outlives them anyway). */
  private static final Executor INLINE = Runnable::run;

  private void advance(Duration duration) {
    clock.advance(duration);
    time.timePasses(duration);
  }

  /** Returns once the board has handled everything told before, so the clock moves only after it read it. */
  private void settle(ActorRef<StatusBoard.Command> board) {
    TestProbe<StatusSnapshot> reply = testKit.createTestProbe();
    board.tell(new StatusBoard.GetStatus(reply.getRef()));
    reply.expectMessageClass(StatusSnapshot.class);
  }

  private ActorRef<StatusBoard.Command> board(String overrides, TestProbe<AlertNotice> outlet) throws Exception {
    StatusSettings settings = TestEngineSettings.settings(Files.createTempDirectory(root, "board"), overrides).status();
    var board =
        testKit.spawn(StatusBoard.create(settings, clock, new SimpleMeterRegistry(), "test", INLINE, outlet.getRef()::tell));
    boards.add(board);
    return board;
  }

  private final List<ActorRef<StatusBoard.Command>> boards = new ArrayList<>();

  /** Stopped before the temp dir goes: with inline file work, a stopped board writes nothing more. */
  @AfterEach
  void stopBoards() {
    boards.forEach(testKit::stop);
    boards.clear();
  }

  private static TaskStatus status(String name, TaskState state, long restarts, long steps) {
    return new TaskStatus(
        name, state, Instant.EPOCH, true, null, null, Map.of(), 0, restarts, null, null, ScheduleDecision.none(false), steps);
  }

  private static void expect(TestProbe<AlertNotice> outlet, AlertNotice.Status status, String kind, String task) {
    AlertNotice notice = outlet.expectMessageClass(AlertNotice.class);
    assertEquals(status, notice.status(), notice.toString());
    assertEquals(kind, notice.alert().kind(), notice.toString());
    assertEquals(task, notice.alert().task(), notice.toString());
  }

  @Test
  void aComponentGoingDownRaisesOnceAndComingBackResolves() throws Exception {
    TestProbe<AlertNotice> outlet = testKit.createTestProbe();
    var board = board("", outlet);
    board.tell(new StatusBoard.ComponentUpdated("storage", true, "H2 ok"));
    board.tell(new StatusBoard.ComponentUpdated("storage", false, "connection refused"));
    expect(outlet, AlertNotice.Status.FIRING, Alert.COMPONENT_DOWN, "storage");
    board.tell(new StatusBoard.ComponentUpdated("storage", false, "still refused"));
    board.tell(new StatusBoard.ComponentUpdated("storage", true, "H2 ok"));
    expect(outlet, AlertNotice.Status.RESOLVED, Alert.COMPONENT_DOWN, "storage");
    board.tell(new StatusBoard.ComponentUpdated("storage", true, "H2 ok again"));
    outlet.expectNoMessage(Duration.ofMillis(50));
  }

  @Test
  void aResolutionIsSentOnlyForAnOpenAlert() throws Exception {
    TestProbe<AlertNotice> outlet = testKit.createTestProbe();
    var board = board("", outlet);
    board.tell(new StatusBoard.ResolveAlert(Alert.FLAPPING, "t", "never raised"));
    outlet.expectNoMessage(Duration.ofMillis(50));
    board.tell(new StatusBoard.RaiseAlert(Alert.FLAPPING, "t", "flapping"));
    expect(outlet, AlertNotice.Status.FIRING, Alert.FLAPPING, "t");
    board.tell(new StatusBoard.ResolveAlert(Alert.FLAPPING, "t", "healthy"));
    expect(outlet, AlertNotice.Status.RESOLVED, Alert.FLAPPING, "t");
    board.tell(new StatusBoard.ResolveAlert(Alert.FLAPPING, "t", "healthy again"));
    outlet.expectNoMessage(Duration.ofMillis(50));
  }

  @Test
  void aRestartStormIsResolvedOnceRestartsStopEvenWithoutAnotherRestart() throws Exception {
    TestProbe<AlertNotice> outlet = testKit.createTestProbe();
    var board = board("nexus.engine.alerts { storm-restarts = 2, storm-window = 1m }", outlet);
    board.tell(new StatusBoard.TaskUpdated(status("t", TaskState.BACKOFF, 3, 0)));
    settle(board);
    expect(outlet, AlertNotice.Status.FIRING, Alert.RESTART_STORM, null);
    advance(ofSeconds(61));
    advance(ofSeconds(15)); // the refresh tick looks again
    expect(outlet, AlertNotice.Status.RESOLVED, Alert.RESTART_STORM, null);
  }

  @Test
  void aFailedStepIsResolvedByTheNextCompletedOne() throws Exception {
    TestProbe<AlertNotice> outlet = testKit.createTestProbe();
    var board = board("", outlet);
    board.tell(new StatusBoard.TaskUpdated(status("backup", TaskState.RUNNING, 0, 4)));
    board.tell(new StatusBoard.RaiseAlert(Alert.TASK_FAILED, "backup", "disk full"));
    expect(outlet, AlertNotice.Status.FIRING, Alert.TASK_FAILED, "backup");
    board.tell(new StatusBoard.TaskUpdated(status("backup", TaskState.RUNNING, 0, 4)));
    outlet.expectNoMessage(Duration.ofMillis(50));
    board.tell(new StatusBoard.TaskUpdated(status("backup", TaskState.RUNNING, 0, 5)));
    expect(outlet, AlertNotice.Status.RESOLVED, Alert.TASK_FAILED, "backup");
  }

  @Test
  void aPhoneFailingLongerThanTaskDownAfterIsOfflineUntilItRunsAgain() throws Exception {
    TestProbe<AlertNotice> outlet = testKit.createTestProbe();
    var board = board("nexus.engine.alerts.task-down-after = 5m", outlet);
    board.tell(new StatusBoard.TaskUpdated(status("device-emulator-5554", TaskState.RUNNING, 0, 1)));
    board.tell(new StatusBoard.TaskUpdated(status("device-emulator-5554", TaskState.BACKOFF, 1, 1)));
    settle(board);
    advance(ofMinutes(2));
    // a retry that fails again passes through STARTING: the outage goes on
    board.tell(new StatusBoard.TaskUpdated(status("device-emulator-5554", TaskState.STARTING, 1, 1)));
    board.tell(new StatusBoard.TaskUpdated(status("device-emulator-5554", TaskState.BACKOFF, 2, 1)));
    settle(board);
    advance(ofMinutes(2));
    outlet.expectNoMessage(Duration.ofMillis(50));
    advance(ofMinutes(1).plusSeconds(15));
    expect(outlet, AlertNotice.Status.FIRING, Alert.PHONE_OFFLINE, "device-emulator-5554");
    advance(ofMinutes(5));
    outlet.expectNoMessage(Duration.ofMillis(50)); // raised once, not at every refresh
    board.tell(new StatusBoard.TaskUpdated(status("device-emulator-5554", TaskState.RUNNING, 2, 2)));
    expect(outlet, AlertNotice.Status.RESOLVED, Alert.PHONE_OFFLINE, "device-emulator-5554");
  }

  @Test
  void anyOtherTaskFailingThatLongIsDown() throws Exception {
    TestProbe<AlertNotice> outlet = testKit.createTestProbe();
    var board = board("nexus.engine.alerts.task-down-after = 1m", outlet);
    board.tell(new StatusBoard.TaskUpdated(status("tuner", TaskState.STALLED, 0, 0)));
    settle(board);
    advance(ofSeconds(75));
    expect(outlet, AlertNotice.Status.FIRING, Alert.TASK_DOWN, "tuner");
  }
}
