package io.celestialnexus.engine.ssq.state;

import io.celestialnexus.persistence.CborSerializable;
import java.time.Instant;
import java.util.Map;

/**
 * One version of the live strategy weights: its number (0 is the initial, empty weighting: equal weights
 * over whatever strategies exist), the weights per strategy name (summing to 1), what made it, and when.
 */
public record WeightsVersion(int version, Map<String, Double> weights, Change change, String detail, Instant at)
    implements CborSerializable {

  /** What produced a version. */
  public enum Change {
    INITIAL,
    TUNED,
    PROMOTED,
    ROLLED_BACK
  }

  public static WeightsVersion initial() {
    return new WeightsVersion(0, Map.of(), Change.INITIAL, "no weights yet: equal weights over the strategies", Instant.EPOCH);
  }
}
