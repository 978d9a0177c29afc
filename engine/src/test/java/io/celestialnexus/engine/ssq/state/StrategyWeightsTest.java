package io.celestialnexus.engine.ssq.state;

import static io.celestialnexus.engine.ssq.state.StateFixtures.SETTINGS;
import static io.celestialnexus.engine.ssq.state.StateFixtures.evidence;
import static io.celestialnexus.engine.ssq.state.StateFixtures.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.engine.testing.ManualClock;
import java.time.Instant;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrategyWeightsTest {

  @JUnit5TestKit public ActorTestKit testKit = ActorTestKit.create(EventSourcedBehaviorTestKit.config());

  private EventSourcedBehaviorTestKit<StrategyWeights.Command, StrategyWeights.Event, StrategyWeights.State> weights;

  @BeforeEach
  void freshWeights() {
    weights =
        EventSourcedBehaviorTestKit.create(
            testKit.system(),
            StrategyWeights.create("test", SETTINGS, new ManualClock(Instant.parse("2026-01-01T00:00:00Z"))),
            EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyState(false));
    weights.clear();
  }

  private WeightsVersion tune(double frequency, double uniform) {
    return weights
        .<StatusReply<WeightsVersion>>runCommand(r -> new StrategyWeights.TuneWeights(weights(frequency, uniform), Map.of("learningRate", 0.1), r))
        .reply()
        .getValue();
  }

  private WeightsVersion current() {
    return weights.<WeightsVersion>runCommand(StrategyWeights.GetWeights::new).reply();
  }

  @Test
  void startsAtVersionZeroAndTuningStoresNormalisedWeightsWithTheTunerParameters() {
    assertEquals(0, current().version());
    var result = weights.<StatusReply<WeightsVersion>>runCommand(r -> new StrategyWeights.TuneWeights(weights(3, 1), Map.of("learningRate", 0.1, "window", 100.0), r));
    WeightsVersion v1 = result.reply().getValue();
    assertEquals(1, v1.version());
    assertEquals(Map.of("frequency", 0.75, "uniform", 0.25), v1.weights());
    var event = (StrategyWeights.WeightsTuned) result.event();
    assertEquals(Map.of("learningRate", 0.1, "window", 100.0), event.parameters());
  }

  @Test
  void invalidWeightsAreRefusedWithTheReasonAndStoreNothing() {
    var negative = weights.<StatusReply<WeightsVersion>>runCommand(r -> new StrategyWeights.TuneWeights(weights(-1, 1), Map.of(), r));
    assertTrue(negative.hasNoEvents());
    assertTrue(negative.reply().getError().getMessage().contains("weight of frequency must be a finite number >= 0"));
    var nan = weights.<StatusReply<WeightsVersion>>runCommand(r -> new StrategyWeights.TuneWeights(weights(Double.NaN, 1), Map.of(), r));
    assertTrue(nan.reply().isError());
    var zero = weights.<StatusReply<WeightsVersion>>runCommand(r -> new StrategyWeights.TuneWeights(weights(0, 0), Map.of(), r));
    assertEquals("weights sum to 0", zero.reply().getError().getMessage());
    assertEquals(0, current().version());
  }

  @Test
  void everyAutoRlDecisionIsStoredAndOnlyAPromotionChangesTheWeights() {
    tune(1, 1);
    var rejected =
        weights.<StatusReply<Decision>>runCommand(r -> new StrategyWeights.RejectCandidate(evidence("cand-a", "blend"), "lower bound 0.004 < 0.01", r));
    assertFalse(rejected.reply().getValue().promoted());
    assertEquals(1, current().version(), "a rejection leaves the weights alone");

    var promoted =
        weights.<StatusReply<WeightsVersion>>runCommand(r -> new StrategyWeights.PromoteCandidate(weights(0.6, 0.4), evidence("cand-b", "promote"), r));
    assertEquals(2, promoted.reply().getValue().version());
    assertEquals(WeightsVersion.Change.PROMOTED, promoted.reply().getValue().change());

    var badMethod =
        weights.<StatusReply<WeightsVersion>>runCommand(r -> new StrategyWeights.PromoteCandidate(weights(0.6, 0.4), evidence("cand-c", "yolo"), r));
    assertTrue(badMethod.hasNoEvents());

    var decisions = weights.<StrategyWeights.Decisions>runCommand(r -> new StrategyWeights.GetDecisions(10, r)).reply();
    assertEquals(2, decisions.total());
    assertEquals("cand-b", decisions.decisions().get(0).evidence().candidate());
    assertEquals(0.004, decisions.decisions().get(1).evidence().lowerBound());
  }

  @Test
  void aRollbackRestoresAnyEarlierVersionAsANewVersion() {
    WeightsVersion v1 = tune(1, 1);
    tune(3, 1);
    tune(9, 1);
    var rolled = weights.<StatusReply<WeightsVersion>>runCommand(r -> new StrategyWeights.RollBack(1, "promotion underperformed", r));
    WeightsVersion v4 = rolled.reply().getValue();
    assertEquals(4, v4.version());
    assertEquals(v1.weights(), v4.weights());
    assertEquals(WeightsVersion.Change.ROLLED_BACK, v4.change());

    var tooNew = weights.<StatusReply<WeightsVersion>>runCommand(r -> new StrategyWeights.RollBack(4, "", r));
    assertEquals("cannot roll back to version 4: versions 1..3 can be restored", tooNew.reply().getError().getMessage());
    assertTrue(weights.<StatusReply<WeightsVersion>>runCommand(r -> new StrategyWeights.RollBack(0, "", r)).reply().isError());
  }

  @Test
  void historyAndDecisionsSurviveARestartThroughSnapshots() {
    for (int i = 1; i <= 230; i++) {
      tune(i, 1);
    }
    weights.<StatusReply<WeightsVersion>>runCommand(r -> new StrategyWeights.PromoteCandidate(weights(0.5, 0.5), evidence("cand", "replace"), r));
    weights.restart();
    var history = weights.<StrategyWeights.WeightsHistory>runCommand(r -> new StrategyWeights.GetHistory(0, 1000, r)).reply();
    assertEquals(231, history.latest());
    assertEquals(232, history.versions().size());
    assertEquals(Map.of("frequency", 0.5, "uniform", 0.5), current().weights());
    assertEquals(Map.of("frequency", 0.75, "uniform", 0.25), history.versions().get(3).weights());
    assertEquals(1, weights.<StrategyWeights.Decisions>runCommand(r -> new StrategyWeights.GetDecisions(10, r)).reply().total());
  }

  @Test
  void aLongHistoryWithANewStrategyMidwayIsKeptExactlyThroughPackingAndRestart() {
    for (int i = 1; i <= 530; i++) {
      tune(i, 1);
    }
    for (int i = 1; i <= 530; i++) {
      double extra = i;
      weights.<StatusReply<WeightsVersion>>runCommand(
          r -> new StrategyWeights.TuneWeights(Map.of("frequency", 1.0, "uniform", 1.0, "markov", extra), Map.of(), r));
    }
    var before = weights.<StrategyWeights.WeightsHistory>runCommand(r -> new StrategyWeights.GetHistory(0, 2000, r)).reply();
    weights.restart();
    var after = weights.<StrategyWeights.WeightsHistory>runCommand(r -> new StrategyWeights.GetHistory(0, 2000, r)).reply();
    assertEquals(before, after);
    assertEquals(1060, after.latest());
    assertEquals(Map.of("frequency", 0.75, "uniform", 0.25), after.versions().get(3).weights());
    assertEquals(Map.of("frequency", 0.25, "markov", 0.5, "uniform", 0.25), after.versions().get(532).weights());
    var rolled = weights.<StatusReply<WeightsVersion>>runCommand(r -> new StrategyWeights.RollBack(3, "back to two strategies", r));
    assertEquals(Map.of("frequency", 0.75, "uniform", 0.25), rolled.reply().getValue().weights());
  }
}
