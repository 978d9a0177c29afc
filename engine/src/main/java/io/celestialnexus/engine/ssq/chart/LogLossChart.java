package io.celestialnexus.engine.ssq.chart;

import io.celestialnexus.engine.ssq.score.RandomBaseline;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;

/** Each row's log-loss, mean of the last {@code window} draws, against the uniform forecast's (lower is better). */
public final class LogLossChart {

  private LogLossChart() {}

  public static byte[] render(ChartData data, int window) {
    Png.requireData(data.dates(), window, "the log-loss chart");
    XYChart chart =
        Png.chart(String.format(Locale.ROOT, "Log-loss per strategy, mean of the last %d draws (lower is better)", window), "nats per draw");
    for (Map.Entry<String, double[]> series : data.logLoss().entrySet()) {
      Png.line(chart, series.getKey(), data.dates(), ChartData.rollingMean(series.getValue(), window));
    }
    Png.reference(chart, "uniform 6 ln 33 + ln 16", data.dates(), data.dates().size() - window + 1, RandomBaseline.UNIFORM_LOG_LOSS, true);
    return Png.encode(chart);
  }
}
