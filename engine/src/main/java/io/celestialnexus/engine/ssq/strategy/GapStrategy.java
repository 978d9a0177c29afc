package io.celestialnexus.engine.ssq.strategy;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.DrawContext;
import io.celestialnexus.engine.ssq.Forecast;
import io.celestialnexus.engine.ssq.History;
import java.util.Arrays;
import java.util.Locale;

/**
 * "Overdue numbers": the longer a number has been absent, the more weight it gets. Weight = 1 + strength ×
 * min(gap / mean gap, cap), where gap counts the draws since the number last came (0 if it came in the last
 * draw, the whole history if never) and the mean gap is what a fair draw gives: 4.5 draws for a red (27/6),
 * 15 for a blue. A fair lottery has no memory, so this is the gambler's fallacy written down; it stays as a
 * strategy so the evaluation can show it.
 */
public final class GapStrategy implements Strategy {

  public static final String NAME = "gap";
  private static final double RED_MEAN_GAP = (Draw.RED_MAX - Draw.RED_COUNT) / (double) Draw.RED_COUNT;
  private static final double BLUE_MEAN_GAP = Draw.BLUE_MAX - 1;
  private static final long ALL_REDS = (1L << Draw.RED_MAX) - 1;
  private static final int ALL_BLUES = (1 << Draw.BLUE_MAX) - 1;

  private final double strength;
  private final double cap;

  public GapStrategy(double strength, double cap) {
    if (!(strength >= 0) || !(cap > 0)) {
      throw new IllegalArgumentException("strength must be zero or more and cap positive");
    }
    this.strength = strength;
    this.cap = cap;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String title() {
    return String.format(Locale.ROOT, "gap: overdue numbers weigh more (strength %s, capped at %s mean gaps)", strength, cap);
  }

  @Override
  public Forecast forecast(History history, DrawContext target) {
    int size = history.size();
    int[] redGap = new int[Draw.RED_MAX];
    int[] blueGap = new int[Draw.BLUE_MAX];
    Arrays.fill(redGap, size);
    Arrays.fill(blueGap, size);
    long seenReds = 0;
    int seenBlues = 0;
    for (int t = size - 1; t >= 0 && (seenReds != ALL_REDS || seenBlues != ALL_BLUES); t--) {
      for (long fresh = history.redMask(t) & ~seenReds; fresh != 0; fresh &= fresh - 1) {
        redGap[Long.numberOfTrailingZeros(fresh)] = size - 1 - t;
      }
      seenReds |= history.redMask(t);
      int blue = history.blue(t) - 1;
      if ((seenBlues & (1 << blue)) == 0) {
        blueGap[blue] = size - 1 - t;
        seenBlues |= 1 << blue;
      }
    }
    return Forecast.ofWeights(weights(redGap, RED_MEAN_GAP), weights(blueGap, BLUE_MEAN_GAP));
  }

  private double[] weights(int[] gaps, double meanGap) {
    double[] weights = new double[gaps.length];
    for (int i = 0; i < gaps.length; i++) {
      weights[i] = 1 + strength * Math.min(gaps[i] / meanGap, cap);
    }
    return weights;
  }
}
