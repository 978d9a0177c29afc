package io.celestialnexus.engine.ssq.fusion;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One weight per strategy, by name, summing to 1, in the strategies' order. Weights may be zero (a strategy
 * switched off) but not all of them. Weights that already sum to 1 (within rounding) are kept bit for bit, so
 * a weighting written out and read back is equal to itself. Immutable.
 */
public record Weighting(Map<String, Double> weights) {

  private static final double NORMALISED = 1e-12;

  public Weighting {
    if (weights == null || weights.isEmpty()) {
      throw new IllegalArgumentException("a weighting needs at least one strategy");
    }
    double sum = 0;
    for (Map.Entry<String, Double> entry : weights.entrySet()) {
      Double weight = entry.getValue();
      if (weight == null || !(weight >= 0) || weight.isInfinite()) {
        throw new IllegalArgumentException("weight of " + entry.getKey() + " must be a finite number >= 0, was " + weight);
      }
      sum += weight;
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("at least one weight must be positive");
    }
    double scale = Math.abs(sum - 1) <= NORMALISED ? 1 : sum;
    Map<String, Double> normalised = new LinkedHashMap<>();
    for (Map.Entry<String, Double> entry : weights.entrySet()) {
      normalised.put(entry.getKey(), entry.getValue() / scale);
    }
    weights = Collections.unmodifiableMap(normalised);
  }

  /** The same weight for each of {@code names}. */
  public static Weighting uniform(List<String> names) {
    Map<String, Double> weights = new LinkedHashMap<>();
    for (String name : names) {
      weights.put(name, 1.0);
    }
    return new Weighting(weights);
  }

  /** From weights in the order of {@code names}. */
  public static Weighting of(List<String> names, double[] weights) {
    if (names.size() != weights.length) {
      throw new IllegalArgumentException(names.size() + " names but " + weights.length + " weights");
    }
    Map<String, Double> map = new LinkedHashMap<>();
    for (int i = 0; i < weights.length; i++) {
      map.put(names.get(i), weights[i]);
    }
    return new Weighting(map);
  }

  public List<String> names() {
    return List.copyOf(weights.keySet());
  }

  /** The weight of {@code name}, 0 for a strategy this weighting does not know. */
  public double weight(String name) {
    return weights.getOrDefault(name, 0.0);
  }

  /** The weights in the order of {@code names} (0 for unknown ones). */
  public double[] toArray(List<String> names) {
    double[] array = new double[names.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = weight(names.get(i));
    }
    return array;
  }

  /** {@code (1 - alpha) × this + alpha × other}, over the strategies of both. */
  public Weighting blend(Weighting other, double alpha) {
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in [0, 1], was " + alpha);
    }
    Map<String, Double> blended = new LinkedHashMap<>();
    for (String name : weights.keySet()) {
      blended.put(name, (1 - alpha) * weight(name) + alpha * other.weight(name));
    }
    for (String name : other.weights.keySet()) {
      blended.putIfAbsent(name, alpha * other.weight(name));
    }
    return new Weighting(blended);
  }

  /**
   * {@code name} at exactly {@code target}, the others scaled to share the rest in their current proportions
   * (evenly if they were all zero).
   */
  public Weighting withWeight(String name, double target) {
    if (!(target >= 0 && target <= 1)) {
      throw new IllegalArgumentException("target weight must be in [0, 1], was " + target);
    }
    if (!weights.containsKey(name)) {
      throw new IllegalArgumentException("no strategy named " + name);
    }
    double others = 1 - weight(name);
    int otherCount = weights.size() - 1;
    Map<String, Double> result = new LinkedHashMap<>();
    for (String each : weights.keySet()) {
      if (each.equals(name)) {
        result.put(each, target);
      } else if (others > 0) {
        result.put(each, (1 - target) * weight(each) / others);
      } else {
        result.put(each, (1 - target) / otherCount);
      }
    }
    return new Weighting(result);
  }
}
