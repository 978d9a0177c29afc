package io.celestialnexus.engine.task;

import java.time.Duration;
import java.util.function.Supplier;

/** When the next step starts, measured from the end of the previous one. */
public sealed interface Schedule {

  /** The pause before the next step, given how long the last one took. */
  Duration nextInterval(Duration lastStep);

  /** A fixed pause; zero means continuous. */
  record Fixed(Duration interval) implements Schedule {
    @Override
    public Duration nextInterval(Duration lastStep) {
      return interval;
    }
  }

  /**
   * The task plans its own next step: {@code planner} answers, after each step, the pause before the next one (for
   * a task that follows a calendar, such as the draw evenings). It must answer at once and never fail.
   */
  record Planned(Supplier<Duration> planner) implements Schedule {
    @Override
    public Duration nextInterval(Duration lastStep) {
      return planner.get();
    }
  }

  /** Rest proportional to the work just done, clamped to [min, max]. */
  record Adaptive(Duration min, Duration max, double factor) implements Schedule {
    @Override
    public Duration nextInterval(Duration lastStep) {
      Duration proposed = Duration.ofNanos((long) (lastStep.toNanos() * factor));
      if (proposed.compareTo(min) < 0) {
        return min;
      }
      return proposed.compareTo(max) > 0 ? max : proposed;
    }
  }
}
