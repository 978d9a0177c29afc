package io.celestialnexus.engine.task;

import static io.celestialnexus.engine.task.TaskMetricNames.*;

import io.celestialnexus.engine.status.TaskState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One task's meters. The supervisor writes the volatile fields on its own thread; gauges read them when
 * the registry is scraped, which is why they live here and not in the actor.
 */
final class TaskMeters {

  // a handful of fixed buckets instead of a percentile histogram keeps 10,000 tasks cheap to scrape
  private static final Duration[] STEP_BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(1),
    Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMinutes(10), Duration.ofHours(1)
  };

  private final MeterRegistry registry;
  private final String task;
  private final Counter restarts;
  private final Timer stepDuration;
  private final Clock clock;
  private volatile TaskState state = TaskState.STARTING;
  private volatile long lastHeartbeatMillis;
  private volatile int consecutiveFailures;

  TaskMeters(MeterRegistry registry, String task, Clock clock) {
    this.registry = registry;
    this.task = task;
    this.clock = clock;
    this.lastHeartbeatMillis = clock.millis();
    restarts =
        Counter.builder(TASK_RESTARTS)
            .description("Restarts of the task by its supervisor")
            .tag(TAG_TASK, task)
            .register(registry);
    stepDuration =
        Timer.builder(TASK_STEP_DURATION)
            .description("Duration of completed steps")
            .tag(TAG_TASK, task)
            .serviceLevelObjectives(STEP_BUCKETS)
            .register(registry);
    for (TaskState each : TaskState.values()) {
      Gauge.builder(TASK_STATE, this, meters -> meters.state == each ? 1 : 0)
          .description("1 for the task's current state, 0 for the others")
          .tags(TAG_TASK, task, TAG_STATE, each.name())
          .register(registry);
    }
    TimeGauge.builder(
            TASK_HEARTBEAT_AGE,
            this,
            TimeUnit.MILLISECONDS,
            meters -> meters.clock.millis() - meters.lastHeartbeatMillis)
        .description("Time since the task's last heartbeat")
        .tag(TAG_TASK, task)
        .register(registry);
    Gauge.builder(TASK_CONSECUTIVE_FAILURES, this, meters -> meters.consecutiveFailures)
        .description("Failures since the task last ran healthy for reset-after")
        .tag(TAG_TASK, task)
        .register(registry);
  }

  void state(TaskState newState) {
    state = newState;
  }

  void heartbeat(long epochMillis) {
    lastHeartbeatMillis = epochMillis;
  }

  void consecutiveFailures(int count) {
    consecutiveFailures = count;
  }

  void restarted() {
    restarts.increment();
  }

  void failed(String reason) {
    Counter.builder(TASK_FAILURES)
        .description("Task failures by kind: exception, stalled, step_timeout, not_started")
        .tags(TAG_TASK, task, TAG_REASON, reason)
        .register(registry)
        .increment();
  }

  void stepCompleted(Duration took) {
    stepDuration.record(took);
  }
}
