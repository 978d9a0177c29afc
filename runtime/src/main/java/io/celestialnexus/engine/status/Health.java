package io.celestialnexus.engine.status;

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
    Health worst = components.stream().allMatch(ComponentStatus::up) ? PASS : FAIL;
    for (TaskStatus task : tasks) {
      worst = worst.worse(ofTask(task.state()));
    }
    return worst;
  }

  /** One task's verdict: RUNNING/PAUSED pass, FLAPPING fails, anything else is recovering. */
  public static Health ofTask(TaskState state) {
    return switch (state) {
      case RUNNING, PAUSED -> PASS;
      case FLAPPING -> FAIL;
      case STARTING, BACKOFF, STALLED, STOPPED -> WARN;
    };
  }

  public Health worse(Health other) {
    return other.exitCode > exitCode ? other : this;
  }
}
