package io.celestialnexus.engine.testing;

import io.celestialnexus.engine.supervision.BackoffSettings;
import io.celestialnexus.engine.task.Schedule;
import io.celestialnexus.engine.task.TaskSettings;
import java.time.Duration;

/** Task settings for tests, built without a config file. */
public final class TestSettings {

  private TestSettings() {}

  /** min 1 s, max 300 s, jitter 0.2, reset after 2 min, flapping above 10 restarts in 10 min. */
  public static BackoffSettings backoff() {
    return new BackoffSettings(Duration.ofSeconds(1), Duration.ofSeconds(300), 0.2, Duration.ofMinutes(2), 10, Duration.ofMinutes(10));
  }

  /** Steps every {@code interval}; heartbeat timeout 180 s, step timeout 300 s, default backoff. */
  public static TaskSettings every(Duration interval) {
    return new TaskSettings(new Schedule.Fixed(interval), Duration.ofSeconds(180), Duration.ofSeconds(300), backoff());
  }

  public static TaskSettings with(TaskSettings base, BackoffSettings backoff) {
    return new TaskSettings(base.schedule(), base.heartbeatTimeout(), base.stepTimeout(), backoff);
  }

  public static TaskSettings withTimeouts(TaskSettings base, Duration heartbeatTimeout, Duration stepTimeout) {
    return new TaskSettings(base.schedule(), heartbeatTimeout, stepTimeout, base.backoff());
  }
}
