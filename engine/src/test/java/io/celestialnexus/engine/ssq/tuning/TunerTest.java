package io.celestialnexus.engine.ssq.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.celestialnexus.engine.ssq.fusion.Weighting;
import java.util.List;
import org.junit.jupiter.api.Test;

class TunerTest {

  private static final List<String> NAMES = List.of("a", "b", "c");

  @Test
  void weightsFallExponentiallyWithSummedLoss() {
    WeightPolicy policy = WeightPolicy.uniform(NAMES, new TunerParams(0.1, 100));
    Weighting weights = Tuner.tune(policy, NAMES, new double[] {200, 210, 220});
    assertEquals(Math.exp(1), weights.weight("a") / weights.weight("b"), 1e-12);
    assertEquals(Math.exp(2), weights.weight("a") / weights.weight("c"), 1e-12);
  }

  @Test
  void aZeroLearningRateKeepsThePriorAndAZeroPriorStaysZero() {
    Weighting prior = Weighting.of(NAMES, new double[] {0.5, 0.5, 0});
    Weighting tuned = Tuner.tune(new WeightPolicy(prior, new TunerParams(0, 10)), NAMES, new double[] {900, 1, 0});
    assertEquals(prior, tuned);
    Weighting sharp = Tuner.tune(new WeightPolicy(prior, new TunerParams(1, 10)), NAMES, new double[] {900, 1, 0});
    assertEquals(0, sharp.weight("c"), "a switched-off strategy stays off however well it does");
    assertEquals(1, sharp.weight("b"), 1e-12);
  }

  @Test
  void hugeLossDifferencesDoNotUnderflowEveryWeight() {
    Weighting tuned = Tuner.tune(WeightPolicy.uniform(NAMES, new TunerParams(5, 10)), NAMES, new double[] {1e6, 2e6, 3e6});
    assertEquals(1.0, tuned.weight("a"), 1e-12);
  }

  @Test
  void theLossWindowForgetsTheOldestDraw() {
    LossWindow window = new LossWindow(2, 3);
    window.add(new double[] {10, 1});
    window.add(new double[] {20, 2});
    window.add(new double[] {30, 3});
    assertArrayEquals(new double[] {60, 6}, window.sums(), 1e-12);
    window.add(new double[] {40, 4});
    assertArrayEquals(new double[] {90, 9}, window.sums(), 1e-12);
    assertEquals(3, window.size());
    assertThrows(IllegalArgumentException.class, () -> window.add(new double[] {1}));
  }

  @Test
  void tunerParamsRejectNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new TunerParams(-0.1, 10));
    assertThrows(IllegalArgumentException.class, () -> new TunerParams(0.1, 0));
  }
}
