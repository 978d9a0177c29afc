package io.celestialnexus.engine.ssq.strategy;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.DrawContext;
import io.celestialnexus.engine.ssq.Forecast;
import io.celestialnexus.engine.ssq.History;
import java.util.Arrays;
import java.util.Locale;

/** "Hot numbers": each number in proportion to how often it came in the last {@code window} draws, plus a pseudo-count. */
public final class FrequencyStrategy implements Strategy {

  public static final String NAME = "frequency";

  private final int window;
  private final double smoothing;

  public FrequencyStrategy(int window, double smoothing) {
    if (window < 1 || !(smoothing > 0)) {
      throw new IllegalArgumentException("window must be at least 1 and smoothing positive");
    }
    this.window = window;
    this.smoothing = smoothing;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String title() {
    return String.format(Locale.ROOT, "frequency: counts over the last %d draws, +%s per number", window, smoothing);
  }

  @Override
  public Forecast forecast(History history, DrawContext target) {
    double[] reds = new double[Draw.RED_MAX];
    double[] blues = new double[Draw.BLUE_MAX];
    Arrays.fill(reds, smoothing);
    Arrays.fill(blues, smoothing);
    for (int t = Math.max(0, history.size() - window); t < history.size(); t++) {
      for (long mask = history.redMask(t); mask != 0; mask &= mask - 1) {
        reds[Long.numberOfTrailingZeros(mask)]++;
      }
      blues[history.blue(t) - 1]++;
    }
    return Forecast.ofWeights(reds, blues);
  }
}
