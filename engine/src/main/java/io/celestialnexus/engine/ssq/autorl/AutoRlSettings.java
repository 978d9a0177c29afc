package io.celestialnexus.engine.ssq.autorl;

import io.celestialnexus.engine.ssq.SsqSettings;
import io.celestialnexus.engine.support.SettingsReader;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * AutoRL's settings from {@code nexus.engine.ssq.autorl}, the seed's {@code AUTORL_*} knobs among them.
 *
 * @param minInterval rounds run at most this often ({@code AUTORL_MIN_INTERVAL_HOURS})
 * @param apply false records every decision without changing the live policy ({@code AUTORL_PROMOTE=0})
 * @param minDelta the mean paired gain (nats of log-loss per draw) a candidate must reach
 * @param lowerBoundDelta what the lower confidence bound of that gain must reach
 * @param confidence one-sided confidence of the bound, before the correction for the number of candidates
 * @param evaluationDraws recent draws each candidate is evaluated on
 * @param randomCandidates random prior weightings proposed besides the systematic ones
 */
public record AutoRlSettings(
    Duration minInterval,
    boolean apply,
    PromotionMethod method,
    double blendAlpha,
    double promoteTargetWeight,
    double replaceWeight,
    double minDelta,
    double lowerBoundDelta,
    double confidence,
    int evaluationDraws,
    int randomCandidates,
    RollbackRule rollback) {

  private static final Set<String> METHODS = methodKeys();

  public static AutoRlSettings fromConfig(SettingsReader autorl) {
    SettingsReader rollback = autorl.at("rollback");
    return new AutoRlSettings(
        SsqSettings.hours(autorl, "min-interval-hours"),
        flag(autorl, "promote"),
        PromotionMethod.ofKey(autorl.oneOf(METHODS, "promote-strategy")),
        weight(autorl, "blend-alpha"),
        weight(autorl, "promote-target-weight"),
        weight(autorl, "replace-weight"),
        finite(autorl, "promote-min-delta"),
        finite(autorl, "promote-lb-delta"),
        SsqSettings.probability(autorl, "confidence"),
        autorl.integerAtLeast(10, "evaluation-draws"),
        autorl.integerIn(0, 100, "random-candidates"),
        new RollbackRule(rollback.integerAtLeast(1, "draws"), nonNegative(rollback, "margin")));
  }

  /** 1/0 as the seed's AUTORL_PROMOTE has it, or true/false/on/off/yes/no. */
  private static boolean flag(SettingsReader reader, String key) {
    return switch (reader.string(key).strip().toLowerCase(java.util.Locale.ROOT)) {
      case "1", "true", "on", "yes" -> true;
      case "0", "false", "off", "no" -> false;
      default -> throw reader.invalid(key, "must be 1 or 0 (or true/false), was '" + reader.string(key) + "'");
    };
  }

  private static double weight(SettingsReader reader, String key) {
    double value = reader.number(key);
    if (!(value >= 0 && value <= 1)) {
      throw reader.invalid(key, "must be a weight from 0 to 1, was " + value);
    }
    return value;
  }

  private static double finite(SettingsReader reader, String key) {
    double value = reader.number(key);
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw reader.invalid(key, "must be a finite number, was " + value);
    }
    return value;
  }

  private static double nonNegative(SettingsReader reader, String key) {
    double value = finite(reader, key);
    if (value < 0) {
      throw reader.invalid(key, "must be zero or more, was " + value);
    }
    return value;
  }

  private static Set<String> methodKeys() {
    Set<String> keys = new LinkedHashSet<>();
    for (PromotionMethod method : PromotionMethod.values()) {
      keys.add(method.key());
    }
    return java.util.Collections.unmodifiableSet(keys); // in declaration order, for the error message
  }
}
