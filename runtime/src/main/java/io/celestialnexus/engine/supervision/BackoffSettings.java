package io.celestialnexus.engine.supervision;

import io.celestialnexus.engine.support.SettingsReader;
import java.time.Duration;

/**
 * How a task's supervisor restarts it: exponential backoff with jitter, a healthy period that resets the
 * failure count, and the flap threshold past which the task is reported FLAPPING.
 */
public record BackoffSettings(
    Duration minBackoff,
    Duration maxBackoff,
    double randomFactor,
    Duration resetAfter,
    int flapLimit,
    Duration flapWindow) {

  /** Reads a {@code backoff { ... }} block. */
  public static BackoffSettings fromConfig(SettingsReader backoff) {
    Duration min = backoff.positiveDuration("min-backoff");
    Duration max = backoff.positiveDuration("max-backoff");
    if (max.compareTo(min) < 0) {
      throw backoff.invalid("max-backoff", "must not be shorter than min-backoff (" + min + ")");
    }
    double randomFactor = backoff.number("random-factor");
    if (randomFactor < 0 || randomFactor >= 1) {
      throw backoff.invalid("random-factor", "must be in [0, 1), was " + randomFactor);
    }
    return new BackoffSettings(
        min,
        max,
        randomFactor,
        backoff.positiveDuration("reset-after"),
        backoff.integerAtLeast(1, "flap-limit"),
        backoff.positiveDuration("flap-window"));
  }
}
