package io.celestialnexus.engine.ssq.evaluation;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.Forecast;
import java.util.List;

/**
 * The probabilities each strategy gave the numbers actually drawn (the six reds, then the blue). That is all a
 * mixture's log-loss on this draw depends on, so any other weighting can be replayed on a recorded draw
 * without asking the strategies again (what AutoRL does with its candidates). Immutable.
 */
public final class Likelihoods {

  private static final int NUMBERS = Draw.RED_COUNT + 1;

  private final double[][] byStrategy;

  private Likelihoods(double[][] byStrategy) {
    this.byStrategy = byStrategy;
  }

  public static Likelihoods of(List<Forecast> forecasts, Draw actual) {
    double[][] table = new double[forecasts.size()][NUMBERS];
    for (int s = 0; s < forecasts.size(); s++) {
      Forecast forecast = forecasts.get(s);
      for (int k = 0; k < Draw.RED_COUNT; k++) {
        table[s][k] = forecast.red(actual.reds().get(k));
      }
      table[s][Draw.RED_COUNT] = forecast.blue(actual.blue());
    }
    return new Likelihoods(table);
  }

  public int strategies() {
    return byStrategy.length;
  }

  /** Log-loss (nats) of the mixture with these weights (one per strategy, summing to 1) on this draw. */
  public double mixtureLogLoss(double[] weights) {
    if (weights.length != byStrategy.length) {
      throw new IllegalArgumentException("expected " + byStrategy.length + " weights, got " + weights.length);
    }
    double loss = 0;
    for (int k = 0; k < NUMBERS; k++) {
      double p = 0;
      for (int s = 0; s < byStrategy.length; s++) {
        p += weights[s] * byStrategy[s][k];
      }
      loss -= Math.log(p);
    }
    return loss;
  }

  /** Log-loss (nats) of strategy {@code index} alone on this draw. */
  public double logLoss(int index) {
    double loss = 0;
    for (double p : byStrategy[index]) {
      loss -= Math.log(p);
    }
    return loss;
  }
}
