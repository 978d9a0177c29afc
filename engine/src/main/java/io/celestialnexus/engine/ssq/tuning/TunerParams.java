package io.celestialnexus.engine.ssq.tuning;

import io.celestialnexus.engine.support.SettingsReader;

/**
 * The tuner's hyper-parameters.
 *
 * @param learningRate η, per nat of log-loss: how sharply weights follow recent losses (0 keeps the prior)
 * @param window how many recent draws the losses are summed over (older ones are forgotten)
 */
public record TunerParams(double learningRate, int window) {

  public TunerParams {
    if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be a finite number >= 0, was " + learningRate);
    }
    if (window < 1) {
      throw new IllegalArgumentException("window must be at least 1 draw, was " + window);
    }
  }

  public static TunerParams fromConfig(SettingsReader tuner) {
    double rate = tuner.number("learning-rate");
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw tuner.invalid("learning-rate", "must be a finite number >= 0, was " + rate);
    }
    return new TunerParams(rate, tuner.integerAtLeast(1, "window"));
  }
}
