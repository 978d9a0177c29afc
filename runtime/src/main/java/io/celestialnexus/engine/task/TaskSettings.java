package io.celestialnexus.engine.task;

import io.celestialnexus.engine.supervision.BackoffSettings;
import io.celestialnexus.engine.support.SettingsReader;
import java.time.Duration;

/** The contract's per-task knobs: schedule, heartbeat timeout, step timeout and backoff. */
public record TaskSettings(
    Schedule schedule, Duration heartbeatTimeout, Duration stepTimeout, BackoffSettings backoff) {

  /** Reads one task block (see {@code nexus.engine.task-defaults}). */
  public static TaskSettings fromConfig(SettingsReader task) {
    return new TaskSettings(
        schedule(task.nonNegativeDuration("interval"), task.at("adaptive")),
        task.positiveDuration("heartbeat-timeout"),
        task.positiveDuration("step-timeout"),
        BackoffSettings.fromConfig(task.at("backoff")));
  }

  /** The interval to report: the fixed one, the lower bound of an adaptive schedule, or the planned one now. */
  public Duration interval() {
    if (schedule instanceof Schedule.Planned planned) {
      return planned.nextInterval(Duration.ZERO);
    }
    return schedule instanceof Schedule.Fixed fixed ? fixed.interval() : ((Schedule.Adaptive) schedule).min();
  }

  public TaskSettings withSchedule(Schedule newSchedule) {
    return new TaskSettings(newSchedule, heartbeatTimeout, stepTimeout, backoff);
  }

  private static Schedule schedule(Duration interval, SettingsReader adaptive) {
    if (!adaptive.flag("enabled")) {
      return new Schedule.Fixed(interval);
    }
    int min = adaptive.integerAtLeast(0, "min-seconds");
    int max = adaptive.integerAtLeast(min, "max-seconds");
    double factor = adaptive.number("factor");
    if (factor <= 0) {
      throw adaptive.invalid("factor", "must be positive, was " + factor);
    }
    return new Schedule.Adaptive(Duration.ofSeconds(min), Duration.ofSeconds(max), factor);
  }
}
