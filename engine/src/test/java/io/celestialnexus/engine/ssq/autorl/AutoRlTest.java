package io.celestialnexus.engine.ssq.autorl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.engine.ssq.SsqTesting;
import io.celestialnexus.engine.ssq.evaluation.WalkForwardTrace;
import io.celestialnexus.engine.ssq.fusion.Weighting;
import io.celestialnexus.engine.ssq.tuning.TunerParams;
import io.celestialnexus.engine.ssq.tuning.WeightPolicy;
import io.celestialnexus.engine.status.StatusJson;
import io.celestialnexus.engine.testing.SyntheticDraws;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoRlTest {

  private static final WalkForwardTrace BIASED = SsqTesting.walk(SyntheticDraws.hot(600, 1, 50, 0.5));
  private static final WalkForwardTrace FAIR = SsqTesting.walk(SyntheticDraws.fair(400, 1));

  @Test
  void replayingThePolicyAWalkForwardUsedReproducesItsFusedLosses() {
    double[] replayed = PolicyReplay.losses(FAIR, SsqTesting.FRESH, 0);
    for (int t = 0; t < replayed.length; t++) {
      assertEquals(FAIR.records().get(t).fusion().logLoss(), replayed[t], 1e-9, "draw " + t);
    }
    double[] tail = PolicyReplay.losses(FAIR, SsqTesting.FRESH, 250);
    assertEquals(150, tail.length);
    assertEquals(replayed[399], tail[149], 1e-9, "a replay from the middle primes its window from the draws before");
  }

  @Test
  void aRejectedRoundStillCarriesEveryCandidatesEvidence() {
    AutoRlDecision decision = AutoRl.run(FAIR, SsqTesting.FRESH, SsqTesting.SHIPPED.autorl(), 7);
    var reject = assertInstanceOf(AutoRlDecision.Verdict.Reject.class, decision.verdict());
    assertTrue(reject.reason().contains("none of"), reject.reason());
    List<CandidateEvidence> evidence = decision.candidates();
    assertEquals(CandidateProposer.propose(SsqTesting.FRESH, 4, 7).size(), evidence.size());
    double level = 1 - 0.05 / evidence.size();
    for (CandidateEvidence candidate : evidence) {
      assertEquals(300, candidate.draws());
      assertFalse(candidate.passed());
      assertEquals(level, candidate.boundConfidence(), 1e-12, "the bound is corrected for every candidate tried");
      assertEquals(candidate.liveMeanLoss() - candidate.candidateMeanLoss(), candidate.meanGain(), 1e-9);
      assertTrue(candidate.lowerBound() <= candidate.meanGain());
      assertTrue(candidate.reason().contains("below"), candidate.reason());
    }
    assertEquals(SsqTesting.FRESH, decision.live());
    assertEquals(FAIR.records().get(399).draw().issue(), decision.lastIssue());
  }

  @Test
  void theGateNeedsBothTheMeanGainAndItsLowerBound() {
    assertTrue(AutoRl.run(BIASED, SsqTesting.FRESH, SsqTesting.gate(0.03, 0.0), 1).promoted());
    AutoRlDecision tooSmall = AutoRl.run(BIASED, SsqTesting.FRESH, SsqTesting.gate(5.0, 0.0), 1);
    assertFalse(tooSmall.promoted());
    assertTrue(tooSmall.candidates().stream().allMatch(c -> c.reason().startsWith("mean gain")));
    AutoRlDecision uncertain = AutoRl.run(BIASED, SsqTesting.FRESH, SsqTesting.gate(0.0, 5.0), 1);
    assertFalse(uncertain.promoted());
    assertTrue(uncertain.candidates().stream().anyMatch(c -> c.reason().startsWith("lower bound")));
  }

  @Test
  void withPromotionOffAPassingCandidateIsRecordedButNotApplied() {
    AutoRlDecision decision = AutoRl.run(BIASED, SsqTesting.FRESH, SsqTesting.autorl(PromotionMethod.BLEND, false), 1);
    var recorded = assertInstanceOf(AutoRlDecision.Verdict.RecordOnly.class, decision.verdict());
    assertFalse(decision.promoted());
    assertTrue(recorded.chosen().passed());
    assertEquals(Promotion.apply(PromotionMethod.BLEND, SsqTesting.FRESH, recorded.chosen().policy(), SsqTesting.SHIPPED.autorl()), recorded.wouldBe());
  }

  @Test
  void theChosenCandidateIsThePassingOneWithTheHighestBound() {
    AutoRlDecision decision = AutoRl.run(BIASED, SsqTesting.FRESH, SsqTesting.SHIPPED.autorl(), 1);
    var promote = assertInstanceOf(AutoRlDecision.Verdict.Promote.class, decision.verdict());
    double best = decision.candidates().stream().filter(CandidateEvidence::passed).mapToDouble(CandidateEvidence::lowerBound).max().orElseThrow();
    assertEquals(best, promote.chosen().lowerBound());
  }

  @Test
  void tooFewDrawsIsARejectionThatSaysSo() {
    WalkForwardTrace short_ = SsqTesting.walk(SyntheticDraws.fair(20, 2));
    var reject = assertInstanceOf(AutoRlDecision.Verdict.Reject.class, AutoRl.run(short_, SsqTesting.FRESH, SsqTesting.SHIPPED.autorl(), 1).verdict());
    assertTrue(reject.reason().contains("only 20 draws"), reject.reason());
  }

  @Test
  void promotionMethodsChangeTheLivePolicyAsConfigured() {
    List<String> names = List.of("a", "b", "c");
    WeightPolicy live = new WeightPolicy(Weighting.of(names, new double[] {0.6, 0.3, 0.1}), new TunerParams(0.02, 100));
    WeightPolicy candidate = new WeightPolicy(Weighting.of(names, new double[] {0.2, 0.2, 0.6}), new TunerParams(0.04, 200));
    AutoRlSettings settings = SsqTesting.SHIPPED.autorl(); // alpha 0.5, target 0.5, replace 0.8

    WeightPolicy blended = Promotion.apply(PromotionMethod.BLEND, live, candidate, settings);
    assertEquals(0.35, blended.prior().weight("c"), 1e-12);
    assertEquals(0.03, blended.tuner().learningRate(), 1e-12);
    assertEquals(150, blended.tuner().window());

    WeightPolicy promoted = Promotion.apply(PromotionMethod.PROMOTE, live, candidate, settings);
    assertEquals(0.5, promoted.prior().weight("c"), 1e-12, "c is what the candidate raises most");
    assertEquals(0.5 * 0.6 / 0.9, promoted.prior().weight("a"), 1e-12, "the others keep the live proportions");
    assertEquals(candidate.tuner(), promoted.tuner());

    WeightPolicy replaced = Promotion.apply(PromotionMethod.REPLACE, live, candidate, settings);
    assertEquals(0.8, replaced.prior().weight("c"), 1e-12);
    assertEquals(0.1, replaced.prior().weight("a"), 1e-12, "the others keep the candidate's proportions");

    WeightPolicy tunerOnly = new WeightPolicy(live.prior(), new TunerParams(0.04, 100));
    assertEquals(tunerOnly, Promotion.apply(PromotionMethod.PROMOTE, live, tunerOnly, settings), "no lead strategy: the tuner changes");
  }

  @Test
  void candidatesAreReproducibleAndNeverTheLivePolicy() {
    List<Candidate> candidates = CandidateProposer.propose(SsqTesting.FRESH, 4, 99);
    assertEquals(candidates, CandidateProposer.propose(SsqTesting.FRESH, 4, 99));
    assertEquals(4 + SsqTesting.NAMES.size() + 4, candidates.size());
    assertTrue(candidates.stream().noneMatch(c -> c.policy().equals(SsqTesting.FRESH)));
    assertTrue(candidates.stream().anyMatch(c -> c.label().equals("prior towards frequency")));
    assertTrue(candidates.stream().anyMatch(c -> c.label().equals("learning rate x2")));
  }

  @Test
  void aDecisionIsAValueThatSerialisesWithItsEvidence() throws Exception {
    AutoRlDecision decision = AutoRl.run(BIASED, SsqTesting.FRESH, SsqTesting.SHIPPED.autorl(), 1);
    String json = StatusJson.mapper().writeValueAsString(decision);
    JsonNode tree = StatusJson.mapper().readTree(json);
    assertEquals("promote", tree.path("verdict").path("verdict").asText());
    assertEquals(decision.candidates().size(), tree.path("candidates").size());
    assertEquals(decision, StatusJson.mapper().readValue(json, AutoRlDecision.class));
  }

  @Test
  void aPromotionThatDoesWorseThanWhatItReplacedBeyondTheMarginIsRolledBack() {
    RollbackRule rule = new RollbackRule(3, 0.05);
    assertEquals(new RollbackDecision.Pending(2, 3), rule.decide(new double[] {24, 24}, new double[] {24, 24}));
    var rollBack = assertInstanceOf(RollbackDecision.RollBack.class, rule.decide(new double[] {24.1, 24.1, 24.1}, new double[] {24, 24, 24}));
    assertEquals(24.1, rollBack.promotedMeanLoss(), 1e-12);
    assertInstanceOf(RollbackDecision.Keep.class, rule.decide(new double[] {24.04, 24.04, 24.04}, new double[] {24, 24, 24}));
    assertInstanceOf(RollbackDecision.Keep.class, rule.decide(new double[] {23, 23, 23, 99}, new double[] {24, 24, 24, 24}), "only the first K draws count");
  }
}
