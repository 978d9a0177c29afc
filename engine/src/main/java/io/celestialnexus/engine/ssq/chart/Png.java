package io.celestialnexus.engine.ssq.chart;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** What the three charts share: one look, dates on the x axis, lines without markers, PNG bytes out. */
final class Png {

  static final int WIDTH = 1000;
  static final int HEIGHT = 500;
  private static final Color BASELINE = new Color(90, 90, 90);

  private Png() {}

  static XYChart chart(String title, String yTitle) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("draw date").yAxisTitle(yTitle).build();
    chart.getStyler()
        .setLegendPosition(Styler.LegendPosition.OutsideE)
        .setMarkerSize(0)
        .setChartBackgroundColor(Color.WHITE)
        .setAntiAlias(true);
    chart.getStyler().setTimezone(TimeZone.getTimeZone(ZoneOffset.UTC)).setDatePattern("yyyy-MM");
    return chart;
  }

  /** A line over the last {@code values.length} dates (series shorter than the dates end with them). */
  static XYSeries line(XYChart chart, String name, List<LocalDate> dates, double[] values) {
    List<Date> x = new ArrayList<>(values.length);
    List<Double> y = new ArrayList<>(values.length);
    int offset = dates.size() - values.length;
    for (int i = 0; i < values.length; i++) {
      x.add(Date.from(dates.get(offset + i).atStartOfDay(ZoneOffset.UTC).toInstant()));
      y.add(values[i]);
    }
    XYSeries series = chart.addSeries(name, x, y);
    series.setMarker(SeriesMarkers.NONE);
    return series;
  }

  /**
   * A constant reference line (a baseline) across the last {@code length} dates: two points only, so that a
   * dash pattern is not lost in thousands of tiny segments.
   */
  static XYSeries reference(XYChart chart, String name, List<LocalDate> dates, int length, double value, boolean dashed) {
    XYSeries series = line(chart, name, List.of(dates.get(dates.size() - length), dates.get(dates.size() - 1)), new double[] {value, value});
    series.setLineColor(BASELINE);
    series.setLineStyle(dashed ? SeriesLines.DASH_DASH : SeriesLines.SOLID);
    return series;
  }

  static byte[] encode(XYChart chart) {
    try {
      return ChartEncoder.getBytes(chart, "png");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void requireData(List<LocalDate> dates, int needed, String chart) {
    if (dates.size() < needed) {
      throw new IllegalArgumentException(chart + " needs at least " + needed + " draws, has " + dates.size());
    }
  }
}
