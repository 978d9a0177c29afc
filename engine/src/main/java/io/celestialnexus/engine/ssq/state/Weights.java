package io.celestialnexus.engine.ssq.state;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Validation and normalisation of a weighting: named strategies, finite non-negative weights summing to 1. */
final class Weights {

  private Weights() {}

  /** The weights scaled to sum to 1, in name order; throws with a reason a person can read. */
  static Map<String, Double> normalised(Map<String, Double> weights) {
    if (weights == null || weights.isEmpty()) {
      throw new IllegalArgumentException("weights are empty");
    }
    double sum = 0;
    for (Map.Entry<String, Double> entry : weights.entrySet()) {
      if (entry.getKey() == null || entry.getKey().isBlank()) {
        throw new IllegalArgumentException("a weight has no strategy name");
      }
      Double value = entry.getValue();
      if (value == null || !Double.isFinite(value) || value < 0) {
        throw new IllegalArgumentException("weight of " + entry.getKey() + " must be a finite number >= 0, was " + value);
      }
      sum += value;
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("weights sum to 0");
    }
    TreeMap<String, Double> scaled = new TreeMap<>();
    for (Map.Entry<String, Double> entry : weights.entrySet()) {
      scaled.put(entry.getKey(), entry.getValue() / sum);
    }
    return Collections.unmodifiableMap(scaled);
  }
}
