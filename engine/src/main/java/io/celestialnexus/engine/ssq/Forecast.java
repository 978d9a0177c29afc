package io.celestialnexus.engine.ssq;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Locale;

/**
 * A probability vector over the 33 reds and one over the 16 blues, each summing to 1. A red's probability is
 * its share of the six red places, so {@code 6 × red(n)} is the chance the forecast gives {@code n} of being
 * drawn. Every number keeps a positive probability, so the log-loss of any draw is finite. Immutable.
 */
public final class Forecast {

  private static final double NORMALISED = 1e-12;
  private static final Forecast UNIFORM = ofWeights(filled(Draw.RED_MAX), filled(Draw.BLUE_MAX));

  private final double[] reds;
  private final double[] blues;

  private Forecast(double[] reds, double[] blues) {
    this.reds = reds;
    this.blues = blues;
  }

  /** From positive weights (index 0 = number 1), normalised to probabilities. */
  @JsonCreator
  public static Forecast ofWeights(@JsonProperty("reds") double[] redWeights, @JsonProperty("blues") double[] blueWeights) {
    return new Forecast(normalised(redWeights, Draw.RED_MAX, "red"), normalised(blueWeights, Draw.BLUE_MAX, "blue"));
  }

  /** Every red 1/33, every blue 1/16: the fair lottery. */
  public static Forecast uniform() {
    return UNIFORM;
  }

  /** Probability share of red {@code number} (1..33). */
  public double red(int number) {
    return reds[number - 1];
  }

  /** Probability of blue {@code number} (1..16). */
  public double blue(int number) {
    return blues[number - 1];
  }

  @JsonProperty("reds")
  public double[] reds() {
    return reds.clone();
  }

  @JsonProperty("blues")
  public double[] blues() {
    return blues.clone();
  }

  private static double[] normalised(double[] weights, int size, String kind) {
    if (weights.length != size) {
      throw new IllegalArgumentException("expected " + size + " " + kind + " weights, got " + weights.length);
    }
    double sum = 0;
    for (int i = 0; i < size; i++) {
      if (!(weights[i] > 0) || Double.isInfinite(weights[i])) {
        // a zero would make the log-loss of a draw containing that number infinite
        throw new IllegalArgumentException(kind + " " + (i + 1) + " has weight " + weights[i] + "; every number needs a positive finite weight");
      }
      sum += weights[i];
    }
    double scale = Math.abs(sum - 1) <= NORMALISED ? 1 : sum;
    double[] probabilities = new double[size];
    for (int i = 0; i < size; i++) {
      probabilities[i] = weights[i] / scale;
    }
    return probabilities;
  }

  private static double[] filled(int size) {
    double[] ones = new double[size];
    Arrays.fill(ones, 1.0);
    return ones;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Forecast that && Arrays.equals(reds, that.reds) && Arrays.equals(blues, that.blues);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(reds) + Arrays.hashCode(blues);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("Forecast[reds=");
    for (double p : reds) {
      text.append(String.format(Locale.ROOT, "%.4f ", p));
    }
    text.append("blues=");
    for (double p : blues) {
      text.append(String.format(Locale.ROOT, "%.4f ", p));
    }
    return text.append(']').toString();
  }
}
