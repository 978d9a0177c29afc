package io.celestialnexus.engine.ssq.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IntervalsTest {

  @Test
  void theMeanIntervalIsStudentsT() {
    // mean 3, sd 1.5811, t(0.975, 4) = 2.7764: 3 ± 1.9632
    Estimate estimate = Intervals.mean(new double[] {1, 2, 3, 4, 5}, 3, 0.95, 1);
    assertEquals(3, estimate.value(), 1e-12);
    assertEquals(1.0368, estimate.low(), 1e-4);
    assertEquals(4.9632, estimate.high(), 1e-4);
    assertEquals(1.0, estimate.pValue(), 1e-12);
  }

  @Test
  void theProportionIntervalIsClopperPearson() {
    Estimate estimate = Intervals.proportion(1, 10, 0.5, 0.95, 1);
    assertEquals(0.00253, estimate.low(), 1e-5);
    assertEquals(0.44502, estimate.high(), 1e-5);
    assertEquals(0.021484375, estimate.pValue(), 1e-9); // exact two-sided binomial: 2 × 11/1024
    assertEquals(0, Intervals.proportion(0, 20, 0.1, 0.95, 1).low());
  }

  @Test
  void pValuesAreAdjustedForTheNumberOfComparisonsAndCappedAtOne() {
    Estimate estimate = Intervals.proportion(1, 10, 0.5, 0.95, 27);
    assertEquals(Math.min(1, 0.021484375 * 27), estimate.adjustedPValue(), 1e-9);
    assertEquals(0.021484375 * 4, Intervals.proportion(1, 10, 0.5, 0.95, 4).adjustedPValue(), 1e-9);
  }

  @Test
  void aConstantSampleEqualToTheBaselineIsNoDifference() {
    Estimate estimate = Intervals.mean(new double[] {2.5, 2.5, 2.5}, 2.5, 0.95, 3);
    assertEquals(2.5, estimate.low());
    assertEquals(2.5, estimate.high());
    assertEquals(1.0, estimate.pValue());
  }
}
