package io.celestialnexus.engine.task;

/**
 * One thing that happened to a task, stamped (epoch milliseconds) when it happened: what
 * {@code GET /api/tasks/{name}} shows as the task's recent timeline.
 *
 * @param durationMillis a finished step's duration, a restart's scheduled delay, or a stalled step's heartbeat age
 * @param detail the error of a failure, or why something was done
 */
public record LifecycleEvent(long at, Type type, Long durationMillis, String detail) {

  public enum Type {
    STEP_STARTED,
    STEP_FINISHED,
    FAILED,
    STALLED,
    RESTART_SCHEDULED,
    RESTARTED,
    PAUSED,
    RESUMED,
    RUN_REQUESTED,
    STOPPED
  }
}
