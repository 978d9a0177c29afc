package io.celestialnexus.engine.task;

/**
 * Names of the task runtime's meters (Micrometer dot-case; Prometheus sees {@code nexus_task_restarts_total} and so
 * on). Tags are bounded: task names come from configuration, states and reasons from enums.
 */
public final class TaskMetricNames {

  private TaskMetricNames() {}

  public static final String TASK_RESTARTS = "nexus.task.restarts";
  public static final String TASK_FAILURES = "nexus.task.failures";
  public static final String TASK_STATE = "nexus.task.state";
  public static final String TASK_HEARTBEAT_AGE = "nexus.task.heartbeat.age";
  public static final String TASK_CONSECUTIVE_FAILURES = "nexus.task.consecutive.failures";
  public static final String TASK_STEP_DURATION = "nexus.task.step.duration";

  public static final String TAG_TASK = "task";
  public static final String TAG_STATE = "state";
  public static final String TAG_REASON = "reason";
}
