package io.celestialnexus.engine.task;

import static io.celestialnexus.engine.testing.StatusProbes.awaitAlert;
import static io.celestialnexus.engine.testing.StatusProbes.awaitStatus;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.celestialnexus.engine.status.Alert;
import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.engine.status.TaskState;
import io.celestialnexus.engine.status.TaskStatus;
import io.celestialnexus.engine.supervision.BackoffSettings;
import io.celestialnexus.engine.testing.ManualClock;
import io.celestialnexus.engine.testing.ScriptedTask;
import io.celestialnexus.engine.testing.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntPredicate;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Supervision semantics of one task under ManualTime: every delay is a timer the test moves past. */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskKeeperTest {

  @JUnit5TestKit
  public ActorTestKit testKit = ActorTestKit.create(ManualTime.config().withFallback(ConfigFactory.load()));

  private final ManualTime time = ManualTime.get(testKit.system());
  private final ManualClock clock = new ManualClock();
  private final List<ActorRef<?>> spawned = new ArrayList<>();
  private final List<CountDownLatch> stuckSteps = new ArrayList<>();

  @AfterEach
  void stopTasks() {
    stuckSteps.forEach(CountDownLatch::countDown);
    spawned.forEach(ref -> testKit.stop(ref));
    spawned.clear();
  }

  private ActorRef<TaskKeeper.Command> keep(ScriptedTask task, TestProbe<StatusBoard.Command> board) {
    ActorRef<TaskKeeper.Command> keeper =
        testKit.spawn(TaskKeeper.create(task, board.getRef(), clock, new SimpleMeterRegistry(), () -> 0.5, 50));
    spawned.add(keeper);
    return keeper;
  }

  private ActorRef<TaskKeeper.Command> keep(
      ScriptedTask task, TestProbe<StatusBoard.Command> board, TestProbe<TaskKeeper.IncarnationFailed> failures) {
    ActorRef<TaskKeeper.Command> keeper =
        testKit.spawn(
            TaskKeeper.create(task, board.getRef(), failures.getRef(), clock, new SimpleMeterRegistry(), () -> 0.5, 50));
    spawned.add(keeper);
    return keeper;
  }

  private void advance(Duration duration) {
    clock.advance(duration);
    time.timePasses(duration);
  }

  private static ScriptedTask alwaysFailing(String name, BackoffSettings backoff, TestProbe<String> events) {
    return new ScriptedTask(
        name,
        TestSettings.with(TestSettings.every(ofMinutes(10)), backoff),
        (n, context) -> {
          events.getRef().tell("step " + n);
          throw new IllegalStateException("boom " + n);
        });
  }

  /** Steps that say "step n"; those {@code hangs} picks then wait on {@code latch} until interrupted ("interrupted n"). */
  private static ScriptedTask.Step hanging(TestProbe<String> events, CountDownLatch latch, IntPredicate hangs) {
    return (n, context) -> {
      events.getRef().tell("step " + n);
      if (hangs.test(n)) {
        try {
          latch.await();
        } catch (InterruptedException e) {
          events.getRef().tell("interrupted " + n);
          throw e;
        }
      }
      return Map.of();
    };
  }

  private CountDownLatch stuck() {
    var latch = new CountDownLatch(1);
    stuckSteps.add(latch);
    return latch;
  }

  @Test
  void restartsImmediatelyAfterTheFirstFailureThenWaitsMinBackoff() {
    TestProbe<String> events = testKit.createTestProbe();
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    keep(alwaysFailing("first-restart", TestSettings.backoff(), events), board);

    events.expectMessage("step 1");
    events.expectMessage("step 2"); // no time has passed: the first restart is immediate
    TaskStatus waiting = awaitStatus(board, "first-restart", s -> s.state() == TaskState.BACKOFF);
    assertEquals(2, waiting.consecutiveFailures());
    assertEquals(1, waiting.totalRestarts());
    assertEquals(clock.instant().plusSeconds(1), waiting.nextRestartAt());
    assertEquals("java.lang.IllegalStateException", waiting.lastError().type());
    assertEquals("boom 2", waiting.lastError().message());

    advance(ofMillis(999));
    events.expectNoMessage(ofMillis(100));
    advance(ofMillis(1));
    events.expectMessage("step 3");
  }

  @Test
  void doublesTheDelayPerConsecutiveFailure() {
    TestProbe<String> events = testKit.createTestProbe();
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    keep(alwaysFailing("doubling", TestSettings.backoff(), events), board);
    events.expectMessage("step 1");
    events.expectMessage("step 2");

    long[] expectedSeconds = {1, 2, 4, 8, 16};
    for (int i = 0; i < expectedSeconds.length; i++) {
      int failures = i + 2;
      TaskStatus waiting =
          awaitStatus(board, "doubling", s -> s.state() == TaskState.BACKOFF && s.consecutiveFailures() == failures);
      Duration delay = Duration.between(clock.instant(), waiting.nextRestartAt());
      assertEquals(ofSeconds(expectedSeconds[i]), delay);
      advance(delay.minusMillis(1));
      events.expectNoMessage(ofMillis(50));
      advance(ofMillis(1));
      events.expectMessage("step " + (failures + 1));
    }
  }

  @Test
  void capsTheDelayAtMaxBackoffWithJitterIncluded() {
    TestProbe<String> events = testKit.createTestProbe();
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    var backoff = new BackoffSettings(ofSeconds(1), ofSeconds(4), 0.2, ofMinutes(2), 100, ofMinutes(10));
    var task = alwaysFailing("capped", backoff, events);
    spawned.add(
        testKit.spawn(TaskKeeper.create(task, board.getRef(), clock, new SimpleMeterRegistry(), () -> 0.999_999, 50)));
    events.expectMessage("step 1");
    events.expectMessage("step 2");

    List<Duration> delays = new ArrayList<>();
    for (int failures = 2; failures <= 6; failures++) {
      int expected = failures;
      TaskStatus waiting =
          awaitStatus(board, "capped", s -> s.state() == TaskState.BACKOFF && s.consecutiveFailures() == expected);
      Duration delay = Duration.between(clock.instant(), waiting.nextRestartAt());
      delays.add(delay);
      advance(delay);
      events.expectMessage("step " + (failures + 1));
    }
    // +20 % jitter: 1.2 s, 2.4 s, then 4.8 s and beyond are capped at exactly 4 s
    assertEquals(1_200, delays.get(0).toMillis(), 1);
    assertEquals(2_400, delays.get(1).toMillis(), 1);
    assertEquals(List.of(ofSeconds(4), ofSeconds(4), ofSeconds(4)), delays.subList(2, 5));
  }

  @Test
  void resetsTheFailureCountAfterAHealthyPeriod() {
    TestProbe<String> events = testKit.createTestProbe();
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    Set<Integer> failingSteps = Set.of(1, 2, 4);
    keep(
        new ScriptedTask(
            "recovers",
            TestSettings.every(ofMinutes(10)),
            (n, context) -> {
              events.getRef().tell("step " + n);
              if (failingSteps.contains(n)) {
                throw new IllegalStateException("boom " + n);
              }
              return Map.of("round", n);
            }),
        board);
    events.expectMessage("step 1");
    events.expectMessage("step 2");
    awaitStatus(board, "recovers", s -> s.state() == TaskState.BACKOFF);
    advance(ofSeconds(1));
    events.expectMessage("step 3");
    awaitStatus(board, "recovers", s -> s.stepsCompleted() == 1 && s.consecutiveFailures() == 2);

    advance(ofMinutes(2)); // reset-after of healthy running
    TaskStatus healthy = awaitStatus(board, "recovers", s -> s.consecutiveFailures() == 0);
    assertEquals(TaskState.RUNNING, healthy.state());

    advance(ofMinutes(8)); // the next step is due and fails: the count starts over, so no backoff
    events.expectMessage("step 4");
    events.expectMessage("step 5");
  }

  @Test
  void aTaskThatAlertsOnFailureRaisesAnAlertForEveryFailedStep() {
    TestProbe<String> events = testKit.createTestProbe();
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    keep(alwaysFailing("backup-like", TestSettings.backoff(), events).alertingOnFailure(), board);
    events.expectMessage("step 1");

    StatusBoard.RaiseAlert first = awaitAlert(board);
    assertEquals(Alert.TASK_FAILED, first.kind());
    assertEquals("backup-like", first.task());
    assertTrue(first.message().contains("boom 1"), first.message());
    events.expectMessage("step 2"); // the first restart is immediate
    assertTrue(awaitAlert(board).message().contains("boom 2"));
  }

  @Test
  void marksTheTaskFlappingRaisesAnAlertAndRetriesAtMaxBackoff() {
    TestProbe<String> events = testKit.createTestProbe();
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    var backoff = new BackoffSettings(ofSeconds(1), ofSeconds(30), 0.2, ofMinutes(2), 2, ofMinutes(10));
    keep(alwaysFailing("flaky", backoff, events), board);
    events.expectMessage("step 1");
    events.expectMessage("step 2");
    awaitStatus(board, "flaky", s -> s.state() == TaskState.BACKOFF);
    advance(ofSeconds(1));
    events.expectMessage("step 3"); // its failure is the third restart inside the window

    StatusBoard.RaiseAlert alert = awaitAlert(board);
    assertEquals(Alert.FLAPPING, alert.kind());
    assertEquals("flaky", alert.task());
    TaskStatus flapping = awaitStatus(board, "flaky", s -> s.state() == TaskState.FLAPPING && s.nextRestartAt() != null);
    assertEquals(ofSeconds(30), Duration.between(clock.instant(), flapping.nextRestartAt()));

    advance(ofSeconds(29));
    events.expectNoMessage(ofMillis(100));
    advance(ofSeconds(1));
    events.expectMessage("step 4"); // it never gives up
    TaskStatus again = awaitStatus(board, "flaky", s -> s.consecutiveFailures() == 4 && s.nextRestartAt() != null);
    assertEquals(TaskState.FLAPPING, again.state());
    assertEquals(ofSeconds(30), Duration.between(clock.instant(), again.nextRestartAt()));
  }

  @Test
  void tellsItsListenerOfEveryIncarnationThatFails() {
    TestProbe<String> events = testKit.createTestProbe();
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    TestProbe<TaskKeeper.IncarnationFailed> failures = testKit.createTestProbe();
    keep(alwaysFailing("noticed", TestSettings.backoff(), events), board, failures);

    TaskKeeper.IncarnationFailed first = failures.receiveMessage();
    assertEquals("noticed", first.task());
    assertEquals(1, first.incarnation());
    assertEquals("boom 1", first.error().message());
    assertEquals(2, failures.receiveMessage().incarnation()); // the immediate restart failed too
    awaitStatus(board, "noticed", s -> s.state() == TaskState.BACKOFF);
    failures.expectNoMessage(ofMillis(100));

    advance(ofSeconds(1));
    TaskKeeper.IncarnationFailed third = failures.receiveMessage();
    assertEquals(3, third.incarnation());
    assertEquals("boom 3", third.error().message());
  }

  @Test
  void aPauseOrADrainStopsTheStepWithoutTellingTheListenerOfAFailure() {
    TestProbe<String> events = testKit.createTestProbe();
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    TestProbe<TaskKeeper.IncarnationFailed> failures = testKit.createTestProbe();
    CountDownLatch never = stuck();
    ActorRef<TaskKeeper.Command> keeper =
        keep(
            new ScriptedTask(
                "stopped-on-purpose",
                TestSettings.every(ofMinutes(10)),
                hanging(events, never, n -> true)),
            board,
            failures);
    events.expectMessage("step 1");

    TestProbe<StatusReply<TaskStatus>> replies = testKit.createTestProbe();
    keeper.tell(new TaskKeeper.Pause(replies.getRef()));
    replies.receiveMessage();
    events.expectMessage("interrupted 1");
    keeper.tell(new TaskKeeper.Resume(replies.getRef()));
    replies.receiveMessage();
    events.expectMessage("step 2");

    TestProbe<org.apache.pekko.Done> drained = testKit.createTestProbe();
    keeper.tell(new TaskKeeper.Drain(ofSeconds(5), drained.getRef()));
    keeper.tell(new TaskKeeper.RunNow(replies.getRef()));
    assertTrue(replies.receiveMessage().isError(), "refused: the drain (and its deadline) is under way");
    advance(ofSeconds(5));
    drained.receiveMessage();
    events.expectMessage("interrupted 2");
    failures.expectNoMessage(ofMillis(100));
  }

  @Test
  void interruptsAndAbandonsAStalledStepThenRestarts() {
    TestProbe<String> events = testKit.createTestProbe();
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    CountDownLatch never = stuck();
    var settings = TestSettings.withTimeouts(TestSettings.every(ofMinutes(10)), ofSeconds(30), ofSeconds(300));
    keep(
        new ScriptedTask(
            "hangs-once",
            settings,
            hanging(events, never, n -> n == 1)),
        board);
    events.expectMessage("step 1");
    awaitStatus(board, "hangs-once", s -> s.state() == TaskState.RUNNING);

    advance(ofSeconds(29));
    events.expectNoMessage(ofMillis(100));
    advance(ofSeconds(1));
    assertEquals(Set.of("interrupted 1", "step 2"), new HashSet<>(events.receiveSeveralMessages(2)));
    TaskStatus restarted = awaitStatus(board, "hangs-once", s -> s.totalRestarts() == 1 && s.stepsCompleted() == 1);
    assertEquals("stalled", restarted.lastError().reason());
    assertTrue(restarted.lastError().message().contains("no heartbeat for 30000 ms"), restarted.lastError().message());
  }

  @Test
  void progressHeartbeatsKeepALongStepAliveUntilItsStepTimeout() throws Exception {
    TestProbe<String> events = testKit.createTestProbe();
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    var beats = new java.util.concurrent.LinkedBlockingQueue<Integer>();
    var settings = TestSettings.withTimeouts(TestSettings.every(ofMinutes(10)), ofSeconds(30), ofSeconds(60));
    keep(
        new ScriptedTask(
            "long-step",
            settings,
            (n, context) -> {
              events.getRef().tell("step " + n);
              if (n == 1) {
                try {
                  while (true) {
                    context.progress(Map.of("beat", beats.take()));
                  }
                } catch (InterruptedException e) {
                  events.getRef().tell("interrupted " + n);
                  throw e;
                }
              }
              return Map.of();
            }),
        board);
    events.expectMessage("step 1");
    for (int beat = 1; beat <= 2; beat++) {
      advance(ofSeconds(20));
      beats.put(beat);
      int expected = beat;
      awaitStatus(board, "long-step", s -> Integer.valueOf(expected).equals(s.fields().get("beat")));
    }
    events.expectNoMessage(ofMillis(100)); // 40 s > heartbeat timeout, yet alive thanks to progress

    advance(ofSeconds(20)); // 60 s: the step timeout ends it, heartbeats or not
    assertEquals(Set.of("interrupted 1", "step 2"), new HashSet<>(events.receiveSeveralMessages(2)));
    TaskStatus restarted = awaitStatus(board, "long-step", s -> s.totalRestarts() == 1);
    assertEquals("step_timeout", restarted.lastError().reason());
  }

  @Test
  void pauseInterruptsTheStepAndStopsSchedulingUntilResumed() {
    TestProbe<String> events = testKit.createTestProbe();
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    CountDownLatch never = stuck();
    ActorRef<TaskKeeper.Command> keeper =
        keep(
            new ScriptedTask(
                "pausable",
                TestSettings.every(ofSeconds(1)),
                hanging(events, never, n -> n == 1)),
            board);
    events.expectMessage("step 1");

    TestProbe<StatusReply<TaskStatus>> replies = testKit.createTestProbe();
    keeper.tell(new TaskKeeper.Pause(replies.getRef()));
    assertEquals(TaskState.PAUSED, replies.receiveMessage().getValue().state());
    events.expectMessage("interrupted 1");
    advance(ofSeconds(10));
    events.expectNoMessage(ofMillis(100));

    keeper.tell(new TaskKeeper.Resume(replies.getRef()));
    replies.receiveMessage();
    events.expectMessage("step 2");
    TaskStatus running = awaitStatus(board, "pausable", s -> s.state() == TaskState.RUNNING);
    assertEquals(0, running.totalRestarts()); // pause and resume are not failures
    assertNull(running.lastError());
  }

  @Test
  void runNowStartsTheNextStepWithoutWaitingTheIntervalAndAfterARunningStep() {
    TestProbe<String> events = testKit.createTestProbe();
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    CountDownLatch release = stuck();
    ActorRef<TaskKeeper.Command> keeper =
        keep(
            new ScriptedTask(
                "on-demand",
                TestSettings.every(ofMinutes(10)),
                (n, context) -> {
                  events.getRef().tell("step " + n);
                  if (n == 2) {
                    release.await();
                  }
                  return Map.of();
                }),
            board);
    events.expectMessage("step 1");
    awaitStatus(board, "on-demand", s -> s.stepsCompleted() == 1);

    TestProbe<StatusReply<TaskStatus>> replies = testKit.createTestProbe();
    keeper.tell(new TaskKeeper.RunNow(replies.getRef()));
    assertTrue(replies.receiveMessage().isSuccess());
    events.expectMessage("step 2"); // no time passed: the 10 minute interval was cut short

    keeper.tell(new TaskKeeper.RunNow(replies.getRef())); // during step 2: one more step right after it
    keeper.tell(new TaskKeeper.RunNow(replies.getRef()));
    replies.receiveMessage();
    replies.receiveMessage();
    events.expectNoMessage(ofMillis(100));
    release.countDown();
    events.expectMessage("step 3");
    events.expectNoMessage(ofMillis(100)); // two requests during a step make one extra step
  }

  @Test
  void runNowIsRefusedWhilePausedSayingWhy() {
    TestProbe<String> events = testKit.createTestProbe();
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    ActorRef<TaskKeeper.Command> keeper =
        keep(
            new ScriptedTask(
                "paused-run",
                TestSettings.every(ofMinutes(10)),
                (n, context) -> {
                  events.getRef().tell("step " + n);
                  return Map.of();
                }),
            board);
    events.expectMessage("step 1");
    TestProbe<StatusReply<TaskStatus>> replies = testKit.createTestProbe();
    keeper.tell(new TaskKeeper.Pause(replies.getRef()));
    replies.receiveMessage();

    keeper.tell(new TaskKeeper.RunNow(replies.getRef()));
    StatusReply<TaskStatus> refused = replies.receiveMessage();
    assertTrue(refused.isError());
    assertTrue(refused.getError() instanceof TaskActionRefused);
    assertTrue(refused.getError().getMessage().contains("PAUSED; resume it first"), refused.getError().getMessage());
    events.expectNoMessage(ofMillis(100));
  }

  @Test
  void operatorRestartReplacesAStuckStepAtOnce() {
    TestProbe<String> events = testKit.createTestProbe();
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    CountDownLatch never = stuck();
    ActorRef<TaskKeeper.Command> keeper =
        keep(
            new ScriptedTask(
                "kicked",
                TestSettings.every(ofMinutes(10)),
                hanging(events, never, n -> true)),
            board);
    events.expectMessage("step 1");
    TestProbe<StatusReply<TaskStatus>> replies = testKit.createTestProbe();
    keeper.tell(new TaskKeeper.Restart(replies.getRef()));
    assertEquals(1, replies.receiveMessage().getValue().totalRestarts());
    assertEquals(Set.of("interrupted 1", "step 2"), new HashSet<>(events.receiveSeveralMessages(2)));
  }

  @Test
  void adaptiveScheduleShowsItsDecisionInStatus() {
    TestProbe<String> events = testKit.createTestProbe();
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    var adaptive = new Schedule.Adaptive(ofSeconds(5), ofSeconds(60), 2.0);
    keep(
        new ScriptedTask(
            "adaptive",
            TestSettings.every(ofSeconds(1)).withSchedule(adaptive),
            (n, context) -> {
              events.getRef().tell("step " + n);
              return Map.of();
            }),
        board);
    events.expectMessage("step 1");
    TaskStatus status = awaitStatus(board, "adaptive", s -> s.stepsCompleted() == 1);
    assertTrue(status.schedule().adaptive());
    assertEquals(5_000L, status.schedule().nextIntervalMillis()); // a quick step: clamped up to the minimum
    advance(ofMillis(4_999));
    events.expectNoMessage(ofMillis(100));
    advance(ofMillis(1));
    events.expectMessage("step 2");
  }

  @Test
  void drainLetsTheRunningStepFinishThenStops() {
    TestProbe<String> events = testKit.createTestProbe();
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    CountDownLatch release = stuck();
    ActorRef<TaskKeeper.Command> keeper =
        keep(
            new ScriptedTask(
                "drained",
                TestSettings.every(ofSeconds(1)),
                (n, context) -> {
                  events.getRef().tell("step " + n);
                  release.await();
                  events.getRef().tell("finished " + n);
                  return Map.of();
                }),
            board);
    events.expectMessage("step 1");
    TestProbe<org.apache.pekko.Done> drained = testKit.createTestProbe();
    keeper.tell(new TaskKeeper.Drain(ofSeconds(10), drained.getRef()));
    drained.expectNoMessage(ofMillis(100));
    release.countDown();
    events.expectMessage("finished 1");
    drained.receiveMessage();
    assertEquals(TaskState.STOPPED, awaitStatus(board, "drained", s -> s.state() == TaskState.STOPPED).state());
    advance(ofSeconds(5));
    events.expectNoMessage(ofMillis(100)); // no further steps after the drain
  }

  @Test
  void drainInterruptsAStepThatOutlivesTheDrainTimeout() {
    TestProbe<String> events = testKit.createTestProbe();
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    CountDownLatch never = stuck();
    ActorRef<TaskKeeper.Command> keeper =
        keep(
            new ScriptedTask(
                "slow-drain",
                TestSettings.every(ofSeconds(1)),
                hanging(events, never, n -> true)),
            board);
    events.expectMessage("step 1");
    TestProbe<org.apache.pekko.Done> drained = testKit.createTestProbe();
    keeper.tell(new TaskKeeper.Drain(ofSeconds(10), drained.getRef()));
    awaitStatus(board, "slow-drain", s -> s.state() == TaskState.RUNNING);
    advance(ofSeconds(10));
    drained.receiveMessage();
    events.expectMessage("interrupted 1");
  }

  @Test
  void recordsEachLifecycleEventWhenItHappened() {
    TestProbe<String> events = testKit.createTestProbe();
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    CountDownLatch never = stuck();
    var settings = TestSettings.withTimeouts(TestSettings.every(ofSeconds(10)), ofSeconds(30), ofSeconds(300));
    ActorRef<TaskKeeper.Command> keeper =
        keep(
            new ScriptedTask(
                "chronicled",
                settings,
                (n, context) -> {
                  events.getRef().tell("step " + n);
                  if (n == 2) {
                    throw new IllegalStateException("second step breaks");
                  }
                  if (n == 4) {
                    never.await(); // stalls: the watchdog ends it
                  }
                  return Map.of();
                }),
            board);
    events.expectMessage("step 1");
    awaitStatus(board, "chronicled", s -> s.stepsCompleted() == 1);
    advance(ofSeconds(10));
    events.expectMessage("step 2"); // fails: restarted at once
    events.expectMessage("step 3");
    awaitStatus(board, "chronicled", s -> s.stepsCompleted() == 2);
    long beforeStall = clock.millis();
    advance(ofSeconds(10));
    events.expectMessage("step 4"); // its watchdog was armed before it started
    advance(ofSeconds(30));
    awaitStatus(board, "chronicled", s -> s.state() == TaskState.STALLED); // second failure in a row: 1 s backoff
    advance(ofSeconds(1));
    events.expectMessage("step 5");
    awaitStatus(board, "chronicled", s -> s.stepsCompleted() == 3); // steps 1, 3 and 5 finished
    TestProbe<StatusReply<TaskStatus>> replies = testKit.createTestProbe();
    keeper.tell(new TaskKeeper.Pause(replies.getRef()));
    replies.receiveMessage();
    keeper.tell(new TaskKeeper.Resume(replies.getRef()));
    replies.receiveMessage();
    events.expectMessage("step 6");

    TestProbe<StatusReply<List<LifecycleEvent>>> timeline = testKit.createTestProbe();
    keeper.tell(new TaskKeeper.GetTimeline(Long.MIN_VALUE, timeline.getRef()));
    List<LifecycleEvent> all = timeline.receiveMessage().getValue();
    List<LifecycleEvent.Type> types = all.stream().map(LifecycleEvent::type).toList();
    assertEquals(
        List.of(
            LifecycleEvent.Type.STEP_STARTED, LifecycleEvent.Type.STEP_FINISHED, // step 1
            LifecycleEvent.Type.STEP_STARTED, LifecycleEvent.Type.FAILED, // step 2
            LifecycleEvent.Type.RESTART_SCHEDULED, LifecycleEvent.Type.RESTARTED,
            LifecycleEvent.Type.STEP_STARTED, LifecycleEvent.Type.STEP_FINISHED, // step 3
            LifecycleEvent.Type.STEP_STARTED, LifecycleEvent.Type.STALLED, // step 4
            LifecycleEvent.Type.RESTART_SCHEDULED, LifecycleEvent.Type.RESTARTED,
            LifecycleEvent.Type.STEP_STARTED, LifecycleEvent.Type.STEP_FINISHED, // step 5
            LifecycleEvent.Type.PAUSED, LifecycleEvent.Type.RESUMED,
            LifecycleEvent.Type.STEP_STARTED),
        types.subList(0, Math.min(types.size(), 17)));
    assertEquals("java.lang.IllegalStateException: second step breaks", all.get(3).detail());
    assertEquals(0L, all.get(4).durationMillis()); // the first restart is immediate
    LifecycleEvent stalled = all.get(9);
    assertEquals(30_000L, stalled.durationMillis()); // the heartbeat's age when the watchdog gave up
    assertEquals(beforeStall + 10_000, all.get(8).at()); // step 4 started when its interval ended, recorded at the stall
    assertEquals(beforeStall + 40_000, stalled.at());
    assertEquals(1_000L, all.get(10).durationMillis()); // the second failure in a row waits min-backoff

    keeper.tell(new TaskKeeper.GetTimeline(stalled.at(), timeline.getRef()));
    List<LifecycleEvent> newer = timeline.receiveMessage().getValue();
    assertEquals(LifecycleEvent.Type.RESTARTED, newer.get(0).type()); // the restart scheduled with the stall shares its ms
    assertTrue(newer.stream().allMatch(event -> event.at() > stalled.at()));
  }
}
