package io.celestialnexus.engine.ssq;

import io.celestialnexus.engine.ssq.autorl.AutoRlSettings;
import io.celestialnexus.engine.ssq.strategy.StrategySettings;
import io.celestialnexus.engine.ssq.tuning.TunerParams;
import io.celestialnexus.engine.support.SettingsReader;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything the prediction domain reads from {@code nexus.engine.ssq}, once, at startup. Invalid values fail
 * here naming the key.
 *
 * @param maxTickets most tickets one prediction may sample
 * @param confidence level of every evaluation interval before the multiple-comparison correction
 * @param chartsMinInterval charts are redrawn at most this often ({@code VIS_MIN_INTERVAL_HOURS})
 * @param loop how the loop's three tasks share it
 */
public record SsqSettings(
    StrategySettings strategies,
    TunerParams tuner,
    int maxTickets,
    double confidence,
    CycleSettings cycle,
    Duration chartsMinInterval,
    AutoRlSettings autorl,
    LoopSettings loop) {

  /**
   * The ssq-cycle loop's pacing ({@code SSQ_*}).
   *
   * @param interval pause between loops
   * @param maxTimePerIssue how long one issue may take; empty = unlimited
   * @param maxAttemptsPerIssue attempts before an issue is recorded as skipped; empty = unlimited
   */
  public record CycleSettings(Duration interval, Optional<Duration> maxTimePerIssue, OptionalInt maxAttemptsPerIssue) {}

  /**
   * How the loop's tasks share its one owner ({@code nexus.engine.ssq.loop}).
   *
   * @param waitingBeat how often the owner heartbeats for a task whose job waits for the loop
   * @param maxQueueWait a job that waited this long without starting is dropped (its task reports it deferred)
   * @param autorlCheckAtLeast ssq-autorl checks whether a round is due every min-interval, but at least this far apart...
   * @param autorlCheckAtMost ...and at most this far apart
   */
  public record LoopSettings(Duration waitingBeat, Duration maxQueueWait, Duration autorlCheckAtLeast, Duration autorlCheckAtMost) {

    static LoopSettings fromConfig(SettingsReader loop) {
      Duration atLeast = loop.positiveDuration("autorl-check-at-least");
      Duration atMost = loop.positiveDuration("autorl-check-at-most");
      if (atMost.compareTo(atLeast) < 0) {
        throw loop.invalid("autorl-check-at-most", "must not be shorter than autorl-check-at-least (" + atLeast + "), was " + atMost);
      }
      return new LoopSettings(loop.positiveDuration("waiting-beat"), loop.positiveDuration("max-queue-wait"), atLeast, atMost);
    }

    /** How often ssq-autorl looks whether a round is due, for rounds at most every {@code minInterval}. */
    public Duration autorlCheck(Duration minInterval) {
      return minInterval.compareTo(autorlCheckAtLeast) < 0
          ? autorlCheckAtLeast
          : minInterval.compareTo(autorlCheckAtMost) > 0 ? autorlCheckAtMost : minInterval;
    }
  }

  public static SsqSettings fromConfig(SettingsReader ssq) {
    SettingsReader cycle = ssq.at("cycle");
    int maxSeconds = cycle.integer("max-seconds-per-issue");
    int maxAttempts = cycle.integer("max-attempts-per-issue");
    return new SsqSettings(
        StrategySettings.fromConfig(ssq.at("strategies")),
        TunerParams.fromConfig(ssq.at("tuner")),
        ssq.integerIn(0, 10_000, "max-tickets"),
        probability(ssq.at("evaluation"), "confidence"),
        new CycleSettings(
            Duration.ofSeconds(cycle.integerAtLeast(0, "interval-seconds")),
            maxSeconds > 0 ? Optional.of(Duration.ofSeconds(maxSeconds)) : Optional.empty(),
            maxAttempts > 0 ? OptionalInt.of(maxAttempts) : OptionalInt.empty()),
        hours(ssq.at("charts"), "min-interval-hours"),
        AutoRlSettings.fromConfig(ssq.at("autorl")),
        LoopSettings.fromConfig(ssq.at("loop")));
  }

  /** A number strictly between 0 and 1. */
  public static double probability(SettingsReader reader, String key) {
    double value = reader.number(key);
    if (!(value > 0 && value < 1)) {
      throw reader.invalid(key, "must be between 0 and 1 (exclusive), was " + value);
    }
    return value;
  }

  /** A number of hours (fractions allowed, 0 or more), as the seed's *_HOURS variables give them. */
  public static Duration hours(SettingsReader reader, String key) {
    double hours = reader.number(key);
    if (!(hours >= 0) || hours > 100_000) {
      throw reader.invalid(key, "must be a number of hours from 0 to 100000, was " + hours);
    }
    return Duration.ofMillis(Math.round(hours * 3_600_000));
  }
}
