package io.celestialnexus.engine.ssq.chart;

import java.util.Map;
import org.knowm.xchart.XYChart;

/** Each strategy's weight in the fusion, draw by draw. */
public final class WeightsChart {

  private WeightsChart() {}

  public static byte[] render(ChartData data) {
    Png.requireData(data.dates(), 1, "the weights chart");
    XYChart chart = Png.chart("Strategy weights over time", "weight");
    chart.getStyler().setYAxisMin(0.0);
    for (Map.Entry<String, double[]> series : data.weights().entrySet()) {
      Png.line(chart, series.getKey(), data.dates(), series.getValue());
    }
    return Png.encode(chart);
  }
}
