package io.celestialnexus.engine.ssq.strategy;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.DrawContext;
import io.celestialnexus.engine.ssq.Forecast;
import io.celestialnexus.engine.ssq.History;
import java.util.Locale;

/**
 * First-order transitions: over the successive pairs of the last {@code window} draws, how often red j followed
 * a draw holding red i (and blue b' followed blue b). The forecast averages the smoothed rows of the previous
 * draw's six reds, and takes the smoothed row of its blue. With no previous draw it is uniform.
 */
public final class MarkovStrategy implements Strategy {

  public static final String NAME = "markov";

  private final int window;
  private final double smoothing;

  public MarkovStrategy(int window, double smoothing) {
    if (window < 2 || !(smoothing > 0)) {
      throw new IllegalArgumentException("window must be at least 2 and smoothing positive");
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
    return String.format(Locale.ROOT, "markov: transitions from the previous draw over the last %d draws, +%s per transition", window, smoothing);
  }

  @Override
  public Forecast forecast(History history, DrawContext target) {
    if (history.isEmpty()) {
      return Forecast.uniform();
    }
    int last = history.size() - 1;
    long previous = history.redMask(last);
    int previousBlue = history.blue(last);
    // only the rows of the previous draw's six reds are ever read, so only they are counted
    int[] rowOf = new int[Draw.RED_MAX];
    int rowCount = 0;
    for (long rows = previous; rows != 0; rows &= rows - 1) {
      rowOf[Long.numberOfTrailingZeros(rows)] = rowCount++;
    }
    int[][] redCounts = new int[rowCount][Draw.RED_MAX];
    int[] redRowTotals = new int[rowCount];
    int[] blueCounts = new int[Draw.BLUE_MAX];
    int blueTotal = 0;
    for (int t = Math.max(1, history.size() - window + 1); t <= last; t++) {
      long to = history.redMask(t);
      for (long rows = history.redMask(t - 1) & previous; rows != 0; rows &= rows - 1) {
        int row = rowOf[Long.numberOfTrailingZeros(rows)];
        for (long columns = to; columns != 0; columns &= columns - 1) {
          redCounts[row][Long.numberOfTrailingZeros(columns)]++;
        }
        redRowTotals[row] += Draw.RED_COUNT;
      }
      if (history.blue(t - 1) == previousBlue) {
        blueCounts[history.blue(t) - 1]++;
        blueTotal++;
      }
    }
    double[] reds = new double[Draw.RED_MAX];
    for (int row = 0; row < rowCount; row++) {
      double rowTotal = redRowTotals[row] + smoothing * Draw.RED_MAX;
      for (int j = 0; j < Draw.RED_MAX; j++) {
        reds[j] += (redCounts[row][j] + smoothing) / rowTotal;
      }
    }
    double[] blues = new double[Draw.BLUE_MAX];
    for (int j = 0; j < Draw.BLUE_MAX; j++) {
      blues[j] = (blueCounts[j] + smoothing) / (blueTotal + smoothing * Draw.BLUE_MAX);
    }
    return Forecast.ofWeights(reds, blues);
  }
}
