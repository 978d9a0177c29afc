package io.celestialnexus.engine.ssq.tuning;

import io.celestialnexus.engine.ssq.fusion.Weighting;
import java.util.List;

/**
 * Exponential weights on log-loss over a sliding window: {@code w_i ∝ prior_i × exp(-η × L_i)}, where L_i is
 * strategy i's total log-loss over the last {@code window} draws. With η = 1 and the whole history this is
 * Bayesian model averaging; the window adds forgetting, so a strategy that stops working loses its weight
 * again.
 */
public final class Tuner {

  private Tuner() {}

  /**
   * @param strategies the strategies' names, in the order of {@code windowLosses}
   * @param windowLosses each strategy's summed log-loss over the window (nats)
   */
  public static Weighting tune(WeightPolicy policy, List<String> strategies, double[] windowLosses) {
    return Weighting.of(strategies, weights(policy.prior().toArray(strategies), policy.tuner().learningRate(), windowLosses));
  }

  /** The unnormalised weights; the smallest loss is subtracted first so that exp never underflows them all. */
  static double[] weights(double[] prior, double learningRate, double[] windowLosses) {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < prior.length; i++) {
      if (prior[i] > 0) {
        best = Math.min(best, windowLosses[i]);
      }
    }
    double[] weights = new double[prior.length];
    for (int i = 0; i < prior.length; i++) {
      weights[i] = prior[i] > 0 ? prior[i] * Math.exp(-learningRate * (windowLosses[i] - best)) : 0;
    }
    return weights;
  }
}
