package io.celestialnexus.engine.task;

import static io.celestialnexus.engine.support.ConfigChecks.notNegative;
import static io.celestialnexus.engine.support.ConfigChecks.positive;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.celestialnexus.engine.supervision.BackoffSettings;
import java.time.Duration;

/** The contract's per-task knobs: schedule, heartbeat timeout, step timeout and backoff. */
public record TaskSettings(
    Schedule schedule, Duration heartbeatTimeout, Duration stepTimeout, BackoffSettings backoff) {

  /** Reads one task block (see {@code nexus.engine.task-defaults}); {@code path} names it in errors. */
  public static TaskSettings fromConfig(Config config, String path) {
    Duration interval = notNegative(config.getDuration("interval"), path + ".interval");
    Duration heartbeatTimeout = positive(config.getDuration("heartbeat-timeout"), path + ".heartbeat-timeout");
    Duration stepTimeout = positive(config.getDuration("step-timeout"), path + ".step-timeout");
    return new TaskSettings(
        schedule(interval, config.getConfig("adaptive"), path + ".adaptive"),
        heartbeatTimeout,
        stepTimeout,
        BackoffSettings.fromConfig(config.getConfig("backoff"), path + ".backoff"));
  }

  /** The interval to report: the fixed one, or the lower bound of an adaptive schedule. */
  public Duration interval() {
    return schedule instanceof Schedule.Fixed fixed ? fixed.interval() : ((Schedule.Adaptive) schedule).min();
  }

  public TaskSettings withSchedule(Schedule newSchedule) {
    return new TaskSettings(newSchedule, heartbeatTimeout, stepTimeout, backoff);
  }

  private static Schedule schedule(Duration interval, Config adaptive, String path) {
    if (!adaptive.getBoolean("enabled")) {
      return new Schedule.Fixed(interval);
    }
    long min = adaptive.getLong("min-seconds");
    long max = adaptive.getLong("max-seconds");
    double factor = adaptive.getDouble("factor");
    if (min < 0) {
      throw new ConfigException.BadValue(path + ".min-seconds", "must not be negative, was " + min);
    }
    if (max < min) {
      throw new ConfigException.BadValue(path + ".max-seconds", "must not be below min-seconds (" + min + ")");
    }
    if (factor <= 0) {
      throw new ConfigException.BadValue(path + ".factor", "must be positive, was " + factor);
    }
    return new Schedule.Adaptive(Duration.ofSeconds(min), Duration.ofSeconds(max), factor);
  }
}
