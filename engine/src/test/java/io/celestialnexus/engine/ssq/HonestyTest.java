package io.celestialnexus.engine.ssq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.engine.ssq.autorl.AutoRl;
import io.celestialnexus.engine.ssq.autorl.AutoRlDecision;
import io.celestialnexus.engine.ssq.autorl.PolicyReplay;
import io.celestialnexus.engine.ssq.evaluation.EvaluationReport;
import io.celestialnexus.engine.ssq.evaluation.Evaluator;
import io.celestialnexus.engine.ssq.evaluation.RowVerdict;
import io.celestialnexus.engine.ssq.evaluation.WalkForwardTrace;
import io.celestialnexus.engine.ssq.fusion.Weighting;
import io.celestialnexus.engine.ssq.strategy.FrequencyStrategy;
import io.celestialnexus.engine.testing.SyntheticDraws;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same machinery on data no one tuned it to: fair lotteries must not fool it, a planted bias must not
 * escape it. Every history is generated from a fixed seed, so these runs are the same on every build.
 */
class HonestyTest {

  private static final int FAIR_RUNS = 40;
  private static final int FAIR_DRAWS = 400;
  private static final int BIASED_RUNS = 8;
  private static final int BIASED_DRAWS = 600;
  /** A number's weight is 1 + 0.5 × its appearances in the last 50 draws. */
  private static final int BIAS_MEMORY = 50;
  private static final double BIAS_BOOST = 0.5;

  @Test
  void onFairLotteriesAutoRlRarelyPromotesAndTheEvaluationClaimsNoSkill() {
    int promotions = 0;
    List<String> skillClaims = new ArrayList<>();
    for (int seed = 0; seed < FAIR_RUNS; seed++) {
      WalkForwardTrace trace = SsqTesting.walk(SyntheticDraws.fair(FAIR_DRAWS, seed));
      AutoRlDecision decision = AutoRl.run(trace, SsqTesting.FRESH, SsqTesting.SHIPPED.autorl(), seed);
      promotions += decision.promoted() ? 1 : 0;
      EvaluationReport report = Evaluator.evaluate(trace, 0, SsqTesting.SHIPPED.confidence(), "fair " + seed);
      if (report.skillClaimed()) {
        skillClaims.add("seed " + seed + ": " + report.verdict());
      }
      assertEquals(FAIR_DRAWS, report.draws());
    }
    assertTrue(promotions <= FAIR_RUNS * 0.05, "AutoRL promoted in " + promotions + " of " + FAIR_RUNS + " fair runs");
    assertTrue(skillClaims.size() <= FAIR_RUNS * 0.05, "skill claimed on fair data: " + skillClaims);
  }

  @Test
  void aPlantedBiasIsFoundByTheTunerTheEvaluationAndAutoRl() {
    for (int seed = 0; seed < BIASED_RUNS; seed++) {
      WalkForwardTrace trace = SsqTesting.walk(SyntheticDraws.hot(BIASED_DRAWS, seed, BIAS_MEMORY, BIAS_BOOST));

      Weighting weights = trace.nextWeights();
      String heaviest = weights.weights().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      assertEquals(FrequencyStrategy.NAME, heaviest, "seed " + seed + ": the tuner should favour frequency: " + weights);
      assertTrue(weights.weight(FrequencyStrategy.NAME) > SsqTesting.FRESH.prior().weight(FrequencyStrategy.NAME));

      EvaluationReport report = Evaluator.evaluate(trace, 0, SsqTesting.SHIPPED.confidence(), "biased " + seed);
      assertTrue(report.skillClaimed(), "seed " + seed + ": " + report.verdict());
      assertEquals(RowVerdict.SKILL, report.row(FrequencyStrategy.NAME).verdict(), "seed " + seed);
      assertTrue(report.verdict().contains(FrequencyStrategy.NAME), report.verdict());

      AutoRlDecision decision = AutoRl.run(trace, SsqTesting.FRESH, SsqTesting.SHIPPED.autorl(), seed);
      assertTrue(decision.promoted(), "seed " + seed + ": " + decision.verdict());
      var promote = (AutoRlDecision.Verdict.Promote) decision.verdict();
      assertTrue(promote.chosen().lowerBound() >= SsqTesting.SHIPPED.autorl().lowerBoundDelta());
      int from = trace.records().size() - decision.draws();
      double before = mean(PolicyReplay.losses(trace, SsqTesting.FRESH, from));
      double after = mean(PolicyReplay.losses(trace, promote.newPolicy(), from));
      assertTrue(after < before, "seed " + seed + ": the applied policy (" + promote.method() + ") must do better too: " + promote.newPolicy());
    }
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return sum / values.length;
  }

  @Test
  void onTheRealHistoryTheEvaluationFindsNoSkillAndAutoRlPromotesNothing() {
    WalkForwardTrace trace = SsqTesting.bundledTrace();
    EvaluationReport report = Evaluator.evaluate(trace, 0, SsqTesting.SHIPPED.confidence(), "ssq_history.csv");
    assertEquals(3493, report.draws());
    assertFalse(report.skillClaimed(), report.verdict());
    assertTrue(report.verdict().startsWith("No evidence of skill"), report.verdict());
    report.rows().forEach(row -> assertTrue(row.verdict() != RowVerdict.SKILL, row.name() + ": " + row.reason()));
    assertFalse(AutoRl.run(trace, SsqTesting.FRESH, SsqTesting.SHIPPED.autorl(), 2026096).promoted());
  }
}
