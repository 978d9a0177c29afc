package io.celestialnexus.engine.ssq.chart;

import io.celestialnexus.engine.ssq.evaluation.DrawRecord;
import io.celestialnexus.engine.ssq.evaluation.Evaluator;
import io.celestialnexus.engine.ssq.evaluation.WalkForwardTrace;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The series the charts draw, one value per reviewed draw, oldest first: each strategy's weight as used for
 * the draw, and each row's (strategies and the fusion) red hits and log-loss. Built from a walk-forward here;
 * the live loop builds the same from its prediction log. Arrays are copied in and out.
 */
public record ChartData(List<LocalDate> dates, Map<String, double[]> weights, Map<String, double[]> redHits, Map<String, double[]> logLoss) {

  public ChartData {
    dates = List.copyOf(dates);
    weights = copy(weights, dates.size());
    redHits = copy(redHits, dates.size());
    logLoss = copy(logLoss, dates.size());
  }

  public static ChartData of(WalkForwardTrace trace) {
    List<DrawRecord> records = trace.records();
    List<LocalDate> dates = new ArrayList<>(records.size());
    Map<String, double[]> weights = new LinkedHashMap<>();
    Map<String, double[]> hits = new LinkedHashMap<>();
    Map<String, double[]> losses = new LinkedHashMap<>();
    List<String> rows = new ArrayList<>(trace.strategies());
    rows.add(Evaluator.FUSION);
    for (String row : rows) {
      hits.put(row, new double[records.size()]);
      losses.put(row, new double[records.size()]);
    }
    for (String name : trace.strategies()) {
      weights.put(name, new double[records.size()]);
    }
    for (int t = 0; t < records.size(); t++) {
      DrawRecord record = records.get(t);
      dates.add(record.draw().date());
      for (int s = 0; s < trace.strategies().size(); s++) {
        String name = trace.strategies().get(s);
        weights.get(name)[t] = record.weights().weight(name);
        hits.get(name)[t] = record.strategies().get(s).redHits();
        losses.get(name)[t] = record.strategies().get(s).logLoss();
      }
      hits.get(Evaluator.FUSION)[t] = record.fusion().redHits();
      losses.get(Evaluator.FUSION)[t] = record.fusion().logLoss();
    }
    return new ChartData(dates, weights, hits, losses);
  }

  /** The mean of each run of {@code window} consecutive values, the first ending at index window - 1. */
  static double[] rollingMean(double[] values, int window) {
    if (values.length < window) {
      return new double[0];
    }
    double[] means = new double[values.length - window + 1];
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      sum += values[i] - (i >= window ? values[i - window] : 0);
      if (i >= window - 1) {
        means[i - window + 1] = sum / window;
      }
    }
    return means;
  }

  private static Map<String, double[]> copy(Map<String, double[]> series, int length) {
    Map<String, double[]> copy = new LinkedHashMap<>();
    series.forEach(
        (name, values) -> {
          if (values.length != length) {
            throw new IllegalArgumentException("series " + name + " has " + values.length + " values for " + length + " dates");
          }
          copy.put(name, values.clone());
        });
    return Collections.unmodifiableMap(copy);
  }

  @Override
  public Map<String, double[]> weights() {
    return copy(weights, dates.size());
  }

  @Override
  public Map<String, double[]> redHits() {
    return copy(redHits, dates.size());
  }

  @Override
  public Map<String, double[]> logLoss() {
    return copy(logLoss, dates.size());
  }
}
