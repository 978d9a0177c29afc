package io.celestialnexus.engine.supervision;

import static io.celestialnexus.engine.support.ConfigChecks.atLeast;
import static io.celestialnexus.engine.support.ConfigChecks.positive;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
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

  /** Reads a {@code backoff { ... }} block; {@code path} names it in error messages. */
  public static BackoffSettings fromConfig(Config config, String path) {
    var settings =
        new BackoffSettings(
            config.getDuration("min-backoff"),
            config.getDuration("max-backoff"),
            config.getDouble("random-factor"),
            config.getDuration("reset-after"),
            config.getInt("flap-limit"),
            config.getDuration("flap-window"));
    positive(settings.minBackoff, path + ".min-backoff");
    if (settings.maxBackoff.compareTo(settings.minBackoff) < 0) {
      throw new ConfigException.BadValue(path + ".max-backoff", "must not be shorter than min-backoff");
    }
    if (settings.randomFactor < 0 || settings.randomFactor >= 1) {
      throw new ConfigException.BadValue(path + ".random-factor", "must be in [0, 1)");
    }
    positive(settings.resetAfter, path + ".reset-after");
    atLeast(1, settings.flapLimit, path + ".flap-limit");
    positive(settings.flapWindow, path + ".flap-window");
    return settings;
  }
}
