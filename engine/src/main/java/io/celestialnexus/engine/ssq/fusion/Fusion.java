package io.celestialnexus.engine.ssq.fusion;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.Forecast;
import java.util.Map;

/** The fused forecast: the weighted mixture of the strategies' vectors (reds and blues separately). */
public final class Fusion {

  private Fusion() {}

  /** Every strategy with a positive weight must have a forecast. */
  public static Forecast mix(Weighting weighting, Map<String, Forecast> forecasts) {
    double[] reds = new double[Draw.RED_MAX];
    double[] blues = new double[Draw.BLUE_MAX];
    for (Map.Entry<String, Double> entry : weighting.weights().entrySet()) {
      double weight = entry.getValue();
      if (weight == 0) {
        continue;
      }
      Forecast forecast = forecasts.get(entry.getKey());
      if (forecast == null) {
        throw new IllegalArgumentException("no forecast from strategy " + entry.getKey() + ", which has weight " + weight);
      }
      for (int n = 1; n <= Draw.RED_MAX; n++) {
        reds[n - 1] += weight * forecast.red(n);
      }
      for (int n = 1; n <= Draw.BLUE_MAX; n++) {
        blues[n - 1] += weight * forecast.blue(n);
      }
    }
    return Forecast.ofWeights(reds, blues);
  }
}
