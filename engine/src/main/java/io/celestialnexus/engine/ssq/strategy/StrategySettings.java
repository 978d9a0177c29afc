package io.celestialnexus.engine.ssq.strategy;

import io.celestialnexus.engine.support.SettingsReader;

/**
 * The strategies' parameters, read once from {@code nexus.engine.ssq.strategies}.
 *
 * @param frequencyWindow draws the frequency strategy counts
 * @param frequencySmoothing pseudo-count added to every number (keeps unseen numbers possible)
 * @param gapStrength how much an overdue number gains per mean gap of absence
 * @param gapCap absences longer than this many mean gaps count as this many
 * @param markovWindow draws whose successive pairs the Markov strategy counts
 * @param markovSmoothing pseudo-count per transition
 * @param traditionalTilt extra weight of a number a traditional reading favours (1 = twice as likely)
 */
public record StrategySettings(
    int frequencyWindow,
    double frequencySmoothing,
    double gapStrength,
    double gapCap,
    int markovWindow,
    double markovSmoothing,
    double traditionalTilt) {

  public static StrategySettings fromConfig(SettingsReader strategies) {
    SettingsReader frequency = strategies.at("frequency");
    SettingsReader gap = strategies.at("gap");
    SettingsReader markov = strategies.at("markov");
    return new StrategySettings(
        frequency.integerAtLeast(1, "window"),
        positive(frequency, "smoothing"),
        nonNegative(gap, "strength"),
        positive(gap, "cap"),
        markov.integerAtLeast(2, "window"),
        positive(markov, "smoothing"),
        nonNegative(strategies.at("traditional"), "tilt"));
  }

  static double positive(SettingsReader reader, String key) {
    double value = reader.number(key);
    if (!(value > 0) || Double.isInfinite(value)) {
      throw reader.invalid(key, "must be a positive number, was " + value);
    }
    return value;
  }

  static double nonNegative(SettingsReader reader, String key) {
    double value = reader.number(key);
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw reader.invalid(key, "must be zero or more, was " + value);
    }
    return value;
  }
}
