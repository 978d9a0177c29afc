package io.celestialnexus.engine.ssq.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.celestialnexus.engine.ssq.fusion.Weighting;
import io.celestialnexus.engine.ssq.state.Decision;
import io.celestialnexus.engine.ssq.state.Evidence;
import io.celestialnexus.engine.ssq.state.WeightsVersion;
import io.celestialnexus.engine.ssq.tuning.TunerParams;
import io.celestialnexus.engine.ssq.tuning.WeightPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyLedgerTest {

  private static final List<String> NAMES = List.of("frequency", "uniform");
  private static final TunerParams CONFIGURED = new TunerParams(0.02, 100);
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  private static WeightsVersion version(int n, WeightsVersion.Change change, Map<String, Double> weights, String detail) {
    return new WeightsVersion(n, weights, change, detail, AT);
  }

  @Test
  void tuningKeepsThePolicyAPromotionSetsItAndARollbackRestoresTheOneOfTheVersionItNames() {
    Map<String, Double> promotedPrior = Map.of("frequency", 0.8, "uniform", 0.2);
    Evidence evidence =
        new Evidence("sharper", promotedPrior, 0.05, 0.01, 300, "replace", new TunerParams(0.5, 40), 2026010, Map.of());
    List<WeightsVersion> versions =
        List.of(
            WeightsVersion.initial(),
            version(1, WeightsVersion.Change.TUNED, Map.of("frequency", 0.49, "uniform", 0.51), "tuned"),
            version(2, WeightsVersion.Change.PROMOTED, promotedPrior, "replace of sharper"),
            version(3, WeightsVersion.Change.TUNED, Map.of("frequency", 0.9, "uniform", 0.1), "tuned"),
            version(4, WeightsVersion.Change.ROLLED_BACK, Map.of("frequency", 0.49, "uniform", 0.51), "rolled back to version 1: worse"),
            version(5, WeightsVersion.Change.ROLLED_BACK, Map.of("frequency", 0.9, "uniform", 0.1), "rolled back to version 3: operator"));
    PolicyLedger ledger =
        PolicyLedger.of(NAMES, CONFIGURED, versions, List.of(new Decision(true, 2, evidence, "promoted", AT)));

    WeightPolicy fresh = WeightPolicy.uniform(NAMES, CONFIGURED);
    WeightPolicy promoted = new WeightPolicy(new Weighting(Map.of("frequency", 0.8, "uniform", 0.2)), new TunerParams(0.5, 40));
    assertEquals(fresh, ledger.at(0));
    assertEquals(fresh, ledger.at(1));
    assertEquals(promoted.tuner(), ledger.at(2).tuner());
    assertEquals(0.8, ledger.at(3).prior().weight("frequency"), 1e-12);
    assertEquals(fresh, ledger.at(4));
    assertEquals(promoted.tuner(), ledger.at(5).tuner());
    assertEquals(5, ledger.lastChange());
  }

  @Test
  void storedWeightsOverUnknownStrategiesFallBackToEvenWeights() {
    assertEquals(Weighting.uniform(NAMES), PolicyLedger.weighting(NAMES, Map.of()));
    assertEquals(Weighting.uniform(NAMES), PolicyLedger.weighting(NAMES, Map.of("retired", 1.0)));
    assertEquals(1.0, PolicyLedger.weighting(NAMES, Map.of("frequency", 2.0, "retired", 1.0)).weight("frequency"), 1e-12);
  }

  @Test
  void aRollbackThatNamesNoVersionIsAnErrorNotAGuess() {
    var odd = version(7, WeightsVersion.Change.ROLLED_BACK, Map.of(), "restored something");
    assertThrows(IllegalStateException.class, () -> PolicyLedger.restoredVersion(odd));
  }
}
