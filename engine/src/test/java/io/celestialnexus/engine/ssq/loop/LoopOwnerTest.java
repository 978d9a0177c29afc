package io.celestialnexus.engine.ssq.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.engine.EngineSettings;
import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.DrawContext;
import io.celestialnexus.engine.ssq.DrawSchedule;
import io.celestialnexus.engine.ssq.Forecast;
import io.celestialnexus.engine.ssq.SsqTesting;
import io.celestialnexus.engine.ssq.state.DrawHistory;
import io.celestialnexus.engine.ssq.state.IssueRecord;
import io.celestialnexus.engine.ssq.state.PredictionLog;
import io.celestialnexus.engine.ssq.state.StateSettings;
import io.celestialnexus.engine.ssq.state.StrategyWeights;
import io.celestialnexus.engine.ssq.state.WeightsVersion;
import io.celestialnexus.engine.ssq.strategy.Strategy;
import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.engine.status.TaskState;
import io.celestialnexus.engine.status.TaskStatus;
import io.celestialnexus.engine.task.Task;
import io.celestialnexus.engine.task.TaskKeeper;
import io.celestialnexus.engine.testing.ManualClock;
import io.celestialnexus.engine.testing.SyntheticDraws;
import io.celestialnexus.engine.testing.TestEngineSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop's three tasks under their real keepers, sharing one owner, with every delay on ManualTime: a job waiting
 * for the loop keeps its task's heartbeat alive however long the job ahead of it runs, and the three running
 * side by side leave the journal as one writer would.
 */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoopOwnerTest {

  @JUnit5TestKit
  public ActorTestKit testKit = ActorTestKit.create(ManualTime.config().withFallback(EventSourcedBehaviorTestKit.config()));

  private final ManualTime time = ManualTime.get(testKit.system());
  private final ManualClock clock = new ManualClock();
  private static final StateSettings STATE = new StateSettings(Duration.ofMillis(100), Duration.ofSeconds(20), 0.2);
  private static final Duration WAIT = Duration.ofSeconds(20);
  /** Tuner and AutoRL go STALLED after 5 s of silence; the owner beats for a waiting job every second. */
  private static final String SETTINGS =
      """
      nexus.engine.tasks.ssq-cycle { interval = 1h, heartbeat-timeout = 1h, step-timeout = 2h }
      nexus.engine.tasks.ssq-tuner { interval = 1h, heartbeat-timeout = 5s, step-timeout = 2h }
      nexus.engine.tasks.ssq-autorl { heartbeat-timeout = 5s, step-timeout = 2h }
      nexus.engine.ssq.cycle.interval-seconds = 3600
      nexus.engine.ssq.loop { waiting-beat = 1s, autorl-check-at-most = 1h }
      """;

  @TempDir Path dir;
  private final List<ActorRef<?>> spawned = new ArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private int nodes;

  @AfterEach
  void stopEverything() {
    released.countDown();
    spawned.forEach(testKit::stop);
    spawned.clear();
  }

  private record Node(
      ActorRef<DrawHistory.Command> draws, ActorRef<StrategyWeights.Command> weights, ActorRef<PredictionLog.Command> predictions) {}

  private Node node() {
    String id = "owner-" + (++nodes);
    return new Node(
        testKit.spawn(DrawHistory.create(id, STATE, clock, testKit.spawn(DrawHistory.topic()))),
        testKit.spawn(StrategyWeights.create(id, STATE, clock)),
        testKit.spawn(PredictionLog.create(id, STATE, clock)));
  }

  /** The shipped strategies plus one that holds the forecast of {@code issue} until the test releases it. */
  private List<Strategy> holdingAt(int issue, CountDownLatch entered) {
    List<Strategy> strategies = new ArrayList<>(SsqTesting.STRATEGIES);
    strategies.add(
        SsqTesting.strategy(
            "holding",
            "waits at one issue until released",
            (history, target) -> {
              if (target.issue() == issue) {
                entered.countDown();
                try {
                  released.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new IllegalStateException("interrupted while held", e);
                }
              }
              return Forecast.uniform();
            }));
    return strategies;
  }

  /** The loop with its owner running, and its three tasks under keepers reporting to {@code board}. */
  private PredictionLoop loop(Node node, List<Strategy> strategies) {
    EngineSettings engine = EngineSettings.fromConfig(TestEngineSettings.config(dir, SETTINGS));
    PredictionLoop loop = PredictionLoop.of(strategies, engine.ssq(), engine.paths());
    var store = new LoopStore(node.draws(), node.weights(), node.predictions(), testKit.scheduler(), WAIT);
    ActorRef<LoopOwner.Command> owner = testKit.spawn(loop.owner(store, clock));
    spawned.add(owner);
    loop.attach(owner, testKit.scheduler(), WAIT);
    return loop;
  }

  private void keep(Task task, TestProbe<StatusBoard.Command> board) {
    spawned.add(testKit.spawn(TaskKeeper.create(task, board.getRef(), clock, new SimpleMeterRegistry(), () -> 0.5, 50)));
  }

  private Task task(PredictionLoop loop, String name) {
    return loop.tasks(EngineSettings.fromConfig(TestEngineSettings.config(dir, SETTINGS))).stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  private void advance(Duration duration) {
    clock.advance(duration);
    time.timePasses(duration);
  }

  @Test
  void aCycleHeldPastTheTunersHeartbeatTimeoutLeavesTunerAndAutoRlWaitingNeverStalled() throws Exception {
    Node node = node();
    List<Draw> draws = SyntheticDraws.fair(60, 21);
    record(node, draws);
    CountDownLatch entered = new CountDownLatch(1);
    PredictionLoop loop = loop(node, holdingAt(draws.get(40).issue(), entered));
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();

    keep(task(loop, SsqLoop.CYCLE_TASK), board);
    assertTrue(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the cycle never reached the held issue");
    keep(task(loop, SsqLoop.TUNER_TASK), board);
    keep(task(loop, SsqLoop.AUTORL_TASK), board);

    // 12 s of held cycle: more than twice the 5 s after which a silent tuner or AutoRL would be STALLED
    for (int second = 1; second <= 12; second++) {
      advance(Duration.ofSeconds(1));
      Map<String, TaskStatus> beats = awaitEach(board, Set.of(SsqLoop.TUNER_TASK, SsqLoop.AUTORL_TASK), this::beatNow);
      beats.values().forEach(status -> assertEquals(SsqLoop.CYCLE_TASK, status.fields().get("waitingFor"), status.toString()));
    }

    released.countDown();
    Map<String, TaskStatus> done =
        awaitEach(board, Set.of(SsqLoop.CYCLE_TASK, SsqLoop.TUNER_TASK, SsqLoop.AUTORL_TASK), status -> status.stepsCompleted() == 1);
    done.values().forEach(status -> assertEquals(0, status.totalRestarts(), status.toString()));
    assertTrue(done.get(SsqLoop.TUNER_TASK).fields().containsKey("weightsVersion"), done.toString());
    assertTrue(done.get(SsqLoop.AUTORL_TASK).fields().containsKey("decision"), done.toString());
    assertEquals(60, done.get(SsqLoop.CYCLE_TASK).fields().get("reviewed"));
  }

  @Test
  void theThreeTasksSteppingSideBySideKeepTheJournalAsOneWriterWould() throws Exception {
    Node node = node();
    List<Draw> draws = new ArrayList<>(SyntheticDraws.fair(120, 22));
    record(node, draws);
    PredictionLoop loop = loop(node, SsqTesting.STRATEGIES);
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    Set<String> all = Set.of(SsqLoop.CYCLE_TASK, SsqLoop.TUNER_TASK, SsqLoop.AUTORL_TASK);
    all.forEach(name -> keep(task(loop, name), board));
    awaitEach(board, all, status -> status.stepsCompleted() == 1);

    for (long round = 2; round <= 4; round++) {
      DrawContext next = DrawSchedule.after(draws.get(draws.size() - 1));
      Draw drawn = new Draw(next.issue(), next.date(), List.of(2, 7, 11, 19, 24, 30), (int) round);
      record(node, List.of(drawn));
      draws.add(drawn);
      advance(Duration.ofHours(1)); // every task is due at once
      long steps = round;
      awaitEach(board, all, status -> status.stepsCompleted() == steps);
    }

    List<IssueRecord> log = this.<PredictionLog.Command, PredictionLog.IssueRecords>ask(node.predictions(), r -> new PredictionLog.GetIssues(0, Integer.MAX_VALUE, r)).records();
    assertEquals(draws.size() + 1, log.size()); // every draw reviewed, the next issue predicted
    assertEquals(draws.size(), log.stream().filter(r -> r.status() == IssueRecord.Status.REVIEWED).count());
    List<WeightsVersion> versions = this.<StrategyWeights.Command, StrategyWeights.WeightsHistory>ask(node.weights(), r -> new StrategyWeights.GetHistory(0, Integer.MAX_VALUE, r)).versions();
    for (int v = 0; v < versions.size(); v++) {
      assertEquals(v, versions.get(v).version(), "versions are numbered without gaps");
    }
    Set<Integer> issues = new HashSet<>();
    for (IssueRecord record : log) {
      assertTrue(issues.add(record.issue()), "one record per issue: " + record.issue());
      assertTrue(record.prediction().weightsVersion() < versions.size(), "a prediction names a stored version");
    }
    // what the owner holds is what a reader of the journal alone finds
    LoopView held = loop.view().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    LoopView readBack =
        loop.readBack(new LoopStore(node.draws(), node.weights(), node.predictions(), testKit.scheduler(), WAIT), clock);
    assertEquals(readBack.version(), held.version());
    assertEquals(readBack.weights(), held.weights());
    assertEquals(readBack.policy(), held.policy());
    assertEquals(readBack.records().size(), held.records().size());
    assertNotEquals(0, held.version());
  }

  /** A heartbeat stamped at the manual clock's current instant, from a task that is not STALLED. */
  private boolean beatNow(TaskStatus status) {
    assertNotEquals(TaskState.STALLED, status.state(), status.toString());
    return clock.instant().equals(status.lastHeartbeat()) && status.fields().containsKey("waitingFor");
  }

  /** The first update of each of {@code tasks} that satisfies {@code condition}. */
  private static Map<String, TaskStatus> awaitEach(
      TestProbe<StatusBoard.Command> board, Set<String> tasks, Predicate<TaskStatus> condition) {
    Map<String, TaskStatus> found = new HashMap<>();
    board.fishForMessage(
        WAIT,
        message -> {
          if (message instanceof StatusBoard.TaskUpdated update
              && tasks.contains(update.status().name())
              && !found.containsKey(update.status().name())
              && condition.test(update.status())) {
            found.put(update.status().name(), update.status());
          }
          return found.size() == tasks.size() ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore();
        });
    return found;
  }

  private void record(Node node, List<Draw> draws) throws Exception {
    assertTrue(this.<DrawHistory.Command, DrawHistory.Recorded>ask(node.draws(), r -> new DrawHistory.RecordDraws(draws, "test", true, r)).applied());
  }

  private <C, T> T ask(ActorRef<C> entity, org.apache.pekko.japi.function.Function<ActorRef<T>, C> message) throws Exception {
    CompletionStage<T> answer = AskPattern.ask(entity, message, WAIT, testKit.scheduler());
    return answer.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }
}
