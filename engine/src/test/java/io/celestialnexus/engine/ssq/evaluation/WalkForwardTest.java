package io.celestialnexus.engine.ssq.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.SsqTesting;
import io.celestialnexus.engine.ssq.tuning.Tuner;
import io.celestialnexus.engine.testing.SyntheticDraws;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalkForwardTest {

  private static final List<Draw> DRAWS = SyntheticDraws.fair(150, 3);

  @Test
  void everyDrawIsPredictedAndTheFirstWithThePrior() {
    WalkForwardTrace trace = SsqTesting.walk(DRAWS);
    assertEquals(DRAWS.size(), trace.records().size());
    assertEquals(SsqTesting.FRESH.prior(), trace.records().get(0).weights());
    assertEquals(DRAWS.get(149), trace.records().get(149).draw());
  }

  @Test
  void nothingOfADrawIsSeenBeforeItIsPredicted() {
    List<Draw> changed = new ArrayList<>(DRAWS);
    Draw last = DRAWS.get(DRAWS.size() - 1);
    changed.set(DRAWS.size() - 1, new Draw(last.issue(), last.date(), List.of(28, 29, 30, 31, 32, 33), last.blue() % 16 + 1));
    WalkForwardTrace original = SsqTesting.walk(DRAWS);
    WalkForwardTrace altered = SsqTesting.walk(changed);
    for (int t = 0; t < DRAWS.size(); t++) {
      assertEquals(original.records().get(t).weights(), altered.records().get(t).weights(), "weights for draw " + t);
    }
    for (int t = 0; t < DRAWS.size() - 1; t++) {
      assertEquals(original.records().get(t).fusion(), altered.records().get(t).fusion(), "scores of draw " + t);
    }
    assertNotEquals(original.records().get(149).fusion(), altered.records().get(149).fusion());
    assertNotEquals(original.nextWeights(), altered.nextWeights(), "only the weights after the last draw see it");
  }

  @Test
  void theWeightsForADrawAreTunedOnTheWindowBeforeIt() {
    WalkForwardTrace trace = SsqTesting.walk(DRAWS);
    int window = SsqTesting.FRESH.tuner().window();
    int t = 120;
    double[] sums = new double[trace.strategies().size()];
    for (DrawRecord record : trace.records().subList(t - window, t)) {
      for (int s = 0; s < sums.length; s++) {
        sums[s] += record.strategies().get(s).logLoss();
      }
    }
    var expected = Tuner.tune(SsqTesting.FRESH, trace.strategies(), sums);
    for (String name : trace.strategies()) {
      assertEquals(expected.weight(name), trace.records().get(t).weights().weight(name), 1e-9, name);
    }
  }

  @Test
  void theSameHistoryWalksTheSameWay() {
    assertEquals(SsqTesting.walk(DRAWS).records().get(100).fusion(), SsqTesting.walk(DRAWS).records().get(100).fusion());
  }
}
