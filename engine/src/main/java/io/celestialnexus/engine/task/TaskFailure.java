package io.celestialnexus.engine.task;

import java.time.Duration;

/** Why the runtime failed a task; the subclass names the kind of failure in status and metrics. */
public abstract sealed class TaskFailure extends RuntimeException {

  private TaskFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /** A metrics tag value for this kind of failure. */
  public abstract String reason();

  /** The step threw; the cause is what it threw. */
  public static final class StepThrew extends TaskFailure {
    public StepThrew(String task, Throwable cause) {
      super("step of " + task + " failed: " + cause, cause);
    }

    @Override
    public String reason() {
      return "exception";
    }
  }

  /** No heartbeat within the heartbeat timeout; the step was interrupted and abandoned. */
  public static final class HeartbeatStalled extends TaskFailure {
    public HeartbeatStalled(String task, Duration silence) {
      super(task + " sent no heartbeat for " + silence.toMillis() + " ms; step interrupted and abandoned", null);
    }

    @Override
    public String reason() {
      return "stalled";
    }
  }

  /** The step ran past its step timeout, heartbeats or not. */
  public static final class StepTimedOut extends TaskFailure {
    public StepTimedOut(String task, Duration timeout) {
      super("step of " + task + " exceeded its step timeout of " + timeout.toMillis() + " ms; interrupted", null);
    }

    @Override
    public String reason() {
      return "step_timeout";
    }
  }

  /** The step could not even be started (the step pool refused it). */
  public static final class StepNotStarted extends TaskFailure {
    public StepNotStarted(String task, Throwable cause) {
      super("step of " + task + " could not start: " + cause, cause);
    }

    @Override
    public String reason() {
      return "not_started";
    }
  }
}
