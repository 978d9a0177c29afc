package io.celestialnexus.engine.status;

import io.celestialnexus.engine.task.TaskState;
import java.util.Collection;

/** Overall verdict with the exit code {@code nexus check} uses. */
public enum Health {
  /** Every task RUNNING or PAUSED, every component up. */
  PASS(0),
  /** Some task starting, in BACKOFF/STALLED or stopped, but recovering. */
  WARN(1),
  /** A task is FLAPPING or a component (storage) is down. */
  FAIL(2);

  private final int exitCode;

  Health(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  public static Health of(Collection<TaskStatus> tasks, Collection<ComponentStatus> components) {
    if (components.stream().anyMatch(component -> !component.up())
        || tasks.stream().anyMatch(task -> task.state() == TaskState.FLAPPING)) {
      return FAIL;
    }
    boolean allSettled =
        tasks.stream().allMatch(task -> task.state() == TaskState.RUNNING || task.state() == TaskState.PAUSED);
    return allSettled ? PASS : WARN;
  }
}
