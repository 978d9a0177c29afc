package io.celestialnexus.engine.ssq.chart;

import io.celestialnexus.engine.ssq.score.RandomBaseline;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/**
 * Rolling mean red hits of the chosen rows over {@code window} draws, against the random baseline 36/33 and the
 * band a random pick stays inside 95 % of the time (baseline ± 1.96 × σ / √window, σ² the exact
 * hypergeometric variance).
 */
public final class RollingHitsChart {

  private RollingHitsChart() {}

  public static byte[] render(ChartData data, List<String> rows, int window) {
    Png.requireData(data.dates(), window, "the rolling hits chart");
    XYChart chart =
        Png.chart(String.format(Locale.ROOT, "Red hits, mean of the last %d draws, against random", window), "red hits per draw");
    for (String row : rows) {
      double[] hits = data.redHits().get(row);
      if (hits == null) {
        throw new IllegalArgumentException("no red hits for " + row);
      }
      Png.line(chart, row, data.dates(), ChartData.rollingMean(hits, window));
    }
    int points = data.dates().size() - window + 1;
    double halfBand = 1.96 * Math.sqrt(RandomBaseline.RED_HITS_VARIANCE / window);
    Png.reference(chart, "random 36/33", data.dates(), points, RandomBaseline.EXPECTED_RED_HITS, false);
    Png.reference(chart, "random 95 % band", data.dates(), points, RandomBaseline.EXPECTED_RED_HITS + halfBand, true);
    Png.reference(chart, "random band low", data.dates(), points, RandomBaseline.EXPECTED_RED_HITS - halfBand, true).setShowInLegend(false);
    return Png.encode(chart);
  }
}
