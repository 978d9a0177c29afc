package io.celestialnexus.engine.ssq.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.engine.NodePaths;
import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.DrawContext;
import io.celestialnexus.engine.ssq.DrawSchedule;
import io.celestialnexus.engine.ssq.Forecast;
import io.celestialnexus.engine.ssq.SsqSettings;
import io.celestialnexus.engine.ssq.SsqTesting;
import io.celestialnexus.engine.ssq.evaluation.WalkForwardTrace;
import io.celestialnexus.engine.ssq.state.Decision;
import io.celestialnexus.engine.ssq.state.DrawHistory;
import io.celestialnexus.engine.ssq.state.Evidence;
import io.celestialnexus.engine.ssq.state.IssueRecord;
import io.celestialnexus.engine.ssq.state.PredictionLog;
import io.celestialnexus.engine.ssq.state.StateSettings;
import io.celestialnexus.engine.ssq.state.StrategyWeights;
import io.celestialnexus.engine.ssq.state.WeightsVersion;
import io.celestialnexus.engine.ssq.strategy.Strategy;
import io.celestialnexus.engine.ssq.strategy.UniformStrategy;
import io.celestialnexus.engine.ssq.tuning.TunerParams;
import io.celestialnexus.engine.support.EngineClock;
import io.celestialnexus.engine.task.TaskContext;
import io.celestialnexus.engine.testing.SyntheticDraws;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The closed loop over real entities (in-memory journal): catch-up, live prediction before the draw, review with
 * that very prediction, restart from the journal, skipping an issue that keeps failing, AutoRL promotion and an
 * operator's rollback.
 */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SsqLoopTest {

  @JUnit5TestKit public ActorTestKit testKit = ActorTestKit.create(EventSourcedBehaviorTestKit.config());

  private static final StateSettings STATE = new StateSettings(Duration.ofMillis(100), Duration.ofSeconds(2), 0.2);
  private static final Duration WAIT = Duration.ofSeconds(20);
  private int nodes;

  @TempDir Path dir;

  /** One node's entities, under ids of its own so that tests do not share a journal. */
  private record Node(
      ActorRef<DrawHistory.Command> draws, ActorRef<StrategyWeights.Command> weights, ActorRef<PredictionLog.Command> predictions) {}

  private Node node() {
    String id = "loop-" + (++nodes);
    var topic = testKit.spawn(DrawHistory.topic());
    return new Node(
        testKit.spawn(DrawHistory.create(id, STATE, Clock.systemUTC(), topic)),
        testKit.spawn(StrategyWeights.create(id, STATE, Clock.systemUTC())),
        testKit.spawn(PredictionLog.create(id, STATE, Clock.systemUTC())));
  }

  private LoopStore store(Node node) {
    return new LoopStore(node.draws(), node.weights(), node.predictions(), testKit.system().scheduler(), WAIT);
  }

  private NodePaths paths() {
    return new NodePaths(dir.resolve("data"), dir.resolve("logs"));
  }

  private SsqLoop loop(Node node, List<Strategy> strategies, SsqSettings settings) {
    return new SsqLoop(strategies, settings, paths(), store(node), EngineClock.system(), view -> {});
  }

  /** The loop as a node runs it: an owner actor, reached through the PredictionLoop. */
  private PredictionLoop running(Node node) {
    PredictionLoop loop = PredictionLoop.of(SsqTesting.STRATEGIES, SsqTesting.SHIPPED, paths());
    loop.attach(testKit.spawn(loop.owner(store(node), EngineClock.system())), testKit.system().scheduler(), WAIT);
    return loop;
  }

  private LoopService service(Node node, Optional<PredictionLoop> loop) {
    return new LoopService(
        node.weights(), node.predictions(), loop, task -> CompletableFuture.failedFuture(new IllegalStateException("no tasks")),
        testKit.system().scheduler(), Runnable::run, WAIT);
  }

  private void record(Node node, List<Draw> draws) throws Exception {
    DrawHistory.Recorded recorded =
        await(AskPattern.ask(node.draws(), replyTo -> new DrawHistory.RecordDraws(draws, "test", true, replyTo), WAIT, testKit.scheduler()));
    assertTrue(recorded.applied(), recorded.toString());
  }

  private List<IssueRecord> log(Node node) throws Exception {
    return await(
            AskPattern.<PredictionLog.Command, PredictionLog.IssueRecords>ask(
                node.predictions(), replyTo -> new PredictionLog.GetIssues(0, Integer.MAX_VALUE, replyTo), WAIT, testKit.scheduler()))
        .records();
  }

  private static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void catchesUpOnTheHistoryExactlyAsAWalkForwardThenPredictsTheNextIssue() throws Exception {
    Node node = node();
    List<Draw> draws = SyntheticDraws.fair(300, 7);
    record(node, draws);
    SsqLoop loop = loop(node, SsqTesting.STRATEGIES, SsqTesting.SHIPPED);

    Map<String, Object> fields = loop.cycle(TaskContext.detached("test"));

    List<IssueRecord> log = log(node);
    assertEquals(301, log.size());
    WalkForwardTrace offline = SsqTesting.walk(draws);
    for (int t = 0; t < draws.size(); t++) {
      IssueRecord record = log.get(t);
      assertEquals(IssueRecord.Status.REVIEWED, record.status(), "issue " + record.issue());
      // predicted with the weights tuned on the draws before it only: version t is the tuner step after t draws
      assertEquals(t, record.prediction().weightsVersion());
      assertEquals(offline.records().get(t).fusion().redHits(), record.review().redHits(), "issue " + record.issue());
      assertEquals(offline.records().get(t).fusion().logLoss(), record.review().logLoss(), 1e-9, "issue " + record.issue());
    }
    IssueRecord next = log.get(300);
    assertEquals(DrawSchedule.after(draws.get(299)).issue(), next.issue());
    assertEquals(IssueRecord.Status.PREDICTED, next.status());
    assertEquals(300, next.prediction().weightsVersion());
    assertEquals(300, fields.get("reviewed"));
    assertEquals(300, fields.get("weightsVersion"));
    assertEquals(draws.get(299).issue(), fields.get("issue"));

    Path reports = dir.resolve("data/reports");
    assertTrue(Files.readString(reports.resolve("evaluation.md")).contains("No evidence of skill"));
    assertTrue(Files.readString(reports.resolve("evaluation.json")).contains("\"skillClaimed\" : false"));
    for (String chart : PredictionService.CHARTS) {
      assertTrue(Files.size(reports.resolve("charts/" + chart + ".png")) > 1000, chart);
    }
    assertEquals(300, loop.view().records().size());
  }

  @Test
  void aNewDrawIsReviewedWithThePredictionRecordedBeforeItWasKnown() throws Exception {
    Node node = node();
    List<Draw> draws = SyntheticDraws.fair(120, 8);
    record(node, draws);
    SsqLoop loop = loop(node, SsqTesting.STRATEGIES, SsqTesting.SHIPPED);
    loop.cycle(TaskContext.detached("test"));
    IssueRecord before = log(node).get(120);

    DrawContext target = DrawSchedule.after(draws.get(119));
    Draw drawn = new Draw(target.issue(), target.date(), List.of(3, 9, 14, 21, 27, 33), 5);
    record(node, List.of(drawn));
    loop.cycle(TaskContext.detached("test"));

    List<IssueRecord> log = log(node);
    IssueRecord reviewed = log.get(120);
    assertEquals(IssueRecord.Status.REVIEWED, reviewed.status());
    assertEquals(before.prediction(), reviewed.prediction()); // the prediction stood; only the review was added
    assertEquals(before.predictedAt(), reviewed.predictedAt());
    assertEquals(reviewed.prediction().picks().reds().stream().filter(drawn.reds()::contains).count(), reviewed.review().redHits());
    assertEquals(IssueRecord.Status.PREDICTED, log.get(121).status());
    assertEquals(DrawSchedule.after(drawn).issue(), log.get(121).issue());
  }

  @Test
  void aDrawThatArrivesWhileTheLoopIsDownIsReviewedWithItsPredictionAfterTheRestart() throws Exception {
    Node node = node();
    List<Draw> draws = SyntheticDraws.fair(80, 13);
    record(node, draws);
    loop(node, SsqTesting.STRATEGIES, SsqTesting.SHIPPED).cycle(TaskContext.detached("test"));
    IssueRecord predicted = log(node).get(80);

    DrawContext target = DrawSchedule.after(draws.get(79));
    record(node, List.of(new Draw(target.issue(), target.date(), List.of(1, 8, 15, 22, 29, 33), 12)));
    loop(node, SsqTesting.STRATEGIES, SsqTesting.SHIPPED).cycle(TaskContext.detached("test"));

    IssueRecord reviewed = log(node).get(80);
    assertEquals(IssueRecord.Status.REVIEWED, reviewed.status());
    assertEquals(predicted.prediction(), reviewed.prediction());
  }

  @Test
  void aRestartedLoopCarriesOnFromTheJournalWithoutRedoingAnything() throws Exception {
    Node node = node();
    record(node, SyntheticDraws.fair(150, 9));
    loop(node, SsqTesting.STRATEGIES, SsqTesting.SHIPPED).cycle(TaskContext.detached("test"));
    List<IssueRecord> before = log(node);
    int version = await(service(node, Optional.empty()).weights()).version();

    SsqLoop restarted = loop(node, SsqTesting.STRATEGIES, SsqTesting.SHIPPED);
    restarted.cycle(TaskContext.detached("test"));

    assertEquals(before, log(node));
    assertEquals(version, await(service(node, Optional.empty()).weights()).version());
    assertEquals(150, restarted.view().records().size());
    assertEquals(
        SsqTesting.walk(SyntheticDraws.fair(150, 9)).records().get(149).fusion().logLoss(),
        restarted.view().records().get(149).fusion().logLoss(), 1e-9);
  }

  @Test
  void anIssueThatKeepsFailingIsSkippedWithItsReasonOnceItsAttemptsAreSpent() throws Exception {
    Node node = node();
    List<Draw> draws = SyntheticDraws.fair(40, 10);
    record(node, draws);
    int cursed = draws.get(25).issue();
    Strategy failing =
        SsqTesting.strategy(
            "cursed",
            "fails on one issue",
            (history, target) -> {
              if (target.issue() == cursed) {
                throw new IllegalStateException("no reading for " + cursed);
              }
              return Forecast.uniform();
            });
    SsqSettings twoAttempts =
        new SsqSettings(
            SsqTesting.SHIPPED.strategies(), SsqTesting.SHIPPED.tuner(), 0, SsqTesting.SHIPPED.confidence(),
            new SsqSettings.CycleSettings(Duration.ZERO, Optional.empty(), OptionalInt.of(2)),
            SsqTesting.SHIPPED.chartsMinInterval(), SsqTesting.SHIPPED.autorl(), SsqTesting.SHIPPED.loop());
    SsqLoop loop = loop(node, List.of(new UniformStrategy(), failing), twoAttempts);

    var first = assertThrows(IllegalStateException.class, () -> loop.cycle(TaskContext.detached("test")));
    assertTrue(first.getMessage().contains("issue " + cursed + " failed on attempt 1 of 2"), first.getMessage());
    assertEquals(25, log(node).stream().filter(r -> r.status() == IssueRecord.Status.REVIEWED).count()); // the ones before it stand

    loop.cycle(TaskContext.detached("test"));
    List<IssueRecord> log = log(node);
    IssueRecord skipped = log.stream().filter(r -> r.issue() == cursed).findFirst().orElseThrow();
    assertEquals(IssueRecord.Status.SKIPPED, skipped.status());
    assertTrue(skipped.skipReason().contains("gave up after 2 failed attempt(s)"), skipped.skipReason());
    assertTrue(skipped.skipReason().contains("no reading for " + cursed), skipped.skipReason());
    assertEquals(39, log.stream().filter(r -> r.status() == IssueRecord.Status.REVIEWED).count());
  }

  @Test
  void autoRlPromotesOnAPlantedBiasAndAnOperatorRollbackRestoresTheEarlierPolicy() throws Exception {
    Node node = node();
    record(node, SyntheticDraws.hot(600, 3, 50, 0.5));
    SsqLoop loop = loop(node, SsqTesting.STRATEGIES, SsqTesting.SHIPPED);
    LoopService service = service(node, Optional.empty());
    loop.cycle(TaskContext.detached("test"));
    int beforePromotion = await(service.weights()).version();

    Map<String, Object> round = loop.autoRl(TaskContext.detached("test"), true);

    assertTrue(round.get("decision").toString().startsWith("promoted"), round.toString());
    Decision decision = await(service.decisions(5)).decisions().get(0);
    assertTrue(decision.promoted());
    assertEquals(beforePromotion + 1, decision.version());
    assertEquals("blend", decision.evidence().method());
    assertTrue(decision.evidence().lowerBound() >= SsqTesting.SHIPPED.autorl().lowerBoundDelta());
    assertNotEquals(SsqTesting.FRESH, loop.view().policy());
    assertEquals(beforePromotion + 2, await(service.weights()).version()); // promoted, then tuned at once

    // a round that is not due (and not demanded) does nothing
    assertTrue(loop.autoRl(TaskContext.detached("test"), false).containsKey("nextRoundAt"));

    WeightsVersion restored = await(service.rollBack(beforePromotion, "test"));
    assertEquals(WeightsVersion.Change.ROLLED_BACK, restored.change());
    loop.tune(TaskContext.detached("test"));
    assertEquals(SsqTesting.FRESH, loop.view().policy());

    var refused = assertThrows(ExecutionException.class, () -> await(service.rollBack(9999, "no such version")));
    assertTrue(refused.getCause() instanceof IllegalArgumentException, refused.toString());
    assertTrue(refused.getCause().getMessage().startsWith("cannot roll back to version 9999"), refused.getCause().getMessage());
  }

  @Test
  void aPromotionThatDoesWorseOverTheDrawsAfterItIsRolledBackByTheLoopItself() throws Exception {
    Node node = node();
    List<Draw> draws = SyntheticDraws.fair(160, 14);
    record(node, draws.subList(0, 100));
    Strategy sharp =
        SsqTesting.strategy(
            "sharp",
            "bets everything on 1-6 and blue 1: far worse than even odds on a fair lottery",
            (history, target) -> {
              double[] reds = new double[33];
              double[] blues = new double[16];
              java.util.Arrays.fill(reds, 0.001);
              java.util.Arrays.fill(blues, 0.001);
              java.util.Arrays.fill(reds, 0, 6, 1.0);
              blues[0] = 1.0;
              return Forecast.ofWeights(reds, blues);
            });
    SsqLoop loop = loop(node, List.of(new UniformStrategy(), sharp), SsqTesting.SHIPPED);
    loop.cycle(TaskContext.detached("test"));
    LoopStore store = store(node);
    int before = store.liveWeights().version();
    // as if AutoRL had promoted a prior all but entirely on the sharp strategy, with a tuner that never moves it
    WeightsVersion promoted =
        store.promote(
            Map.of("sharp", 0.99, "uniform", 0.01),
            new Evidence("all-in", Map.of("sharp", 0.99, "uniform", 0.01), 0.1, 0.05, 300, "replace", new TunerParams(0.0, 100),
                draws.get(99).issue(), Map.of()));

    record(node, draws.subList(100, 120)); // 20 draws after it: too few to judge (the rule needs 30)
    loop.cycle(TaskContext.detached("test"));
    assertEquals(WeightsVersion.Change.TUNED, store.liveWeights().change());

    record(node, draws.subList(120, 160));
    loop.cycle(TaskContext.detached("test"));

    WeightsVersion live = store.liveWeights();
    List<WeightsVersion> history = store.weightsHistory();
    WeightsVersion rollback = history.stream().filter(v -> v.change() == WeightsVersion.Change.ROLLED_BACK).findFirst().orElseThrow();
    assertTrue(rollback.detail().contains("rolled back to version " + (promoted.version() - 1)), rollback.detail());
    assertTrue(rollback.detail().contains("automatic"), rollback.detail());
    assertEquals(history.get(before).weights(), rollback.weights());
    assertEquals(SsqTesting.SHIPPED.tuner(), loop.view().policy().tuner()); // the policy before the promotion is live again
    assertTrue(live.version() >= rollback.version());
  }

  @Test
  void theServiceEvaluatesTheLiveLogHonestlyAndDrawsItsCharts() throws Exception {
    Node node = node();
    PredictionLoop loop = running(node);
    LoopService service = service(node, Optional.of(loop));
    var notYet = assertThrows(ExecutionException.class, () -> await(service.evaluation(0)));
    assertTrue(notYet.getCause() instanceof PredictionService.LoopNotReady, notYet.toString());

    record(node, SyntheticDraws.fair(200, 11));
    loop.run(LoopJob.CYCLE, TaskContext.detached("test"));
    var report = await(service.evaluation(50));
    assertEquals(50, report.draws());
    assertEquals(36.0 / 33.0, report.baseline().expectedRedHits(), 1e-12);
    assertTrue(!report.skillClaimed(), report.verdict());
    byte[] png = await(service.chart("weights"));
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);
    var unknown = assertThrows(ExecutionException.class, () -> await(service.chart("nope")));
    assertTrue(unknown.getCause() instanceof IllegalArgumentException, unknown.toString());
    assertEquals(SsqTesting.NAMES.size(), await(service.strategies()).size());
  }

  @Test
  void withoutALoopOnTheNodeStoredRecordsAreServedAndEverythingElseSaysWhyNot() throws Exception {
    Node node = node();
    LoopService service = service(node, Optional.empty());
    assertEquals(0, await(service.weights()).version());
    assertTrue(await(service.latestPrediction()).isEmpty());
    for (var answer : List.of(service.evaluation(0), service.chart("weights"), service.runTuner(), service.runAutoRl(), service.strategies())) {
      var failure = assertThrows(ExecutionException.class, () -> await(answer));
      assertTrue(failure.getCause() instanceof PredictionService.LoopNotReady, failure.toString());
      assertTrue(failure.getCause().getMessage().contains("nexus.engine.ssq.enabled = false"), failure.getCause().getMessage());
    }
  }
}
