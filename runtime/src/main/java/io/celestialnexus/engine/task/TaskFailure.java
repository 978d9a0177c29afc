package io.celestialnexus.engine.task;

import io.celestialnexus.engine.status.ErrorInfo;
import java.time.Duration;
import java.time.Instant;

/**
 * Why the runtime failed a task; the subclass names the kind of failure in status and metrics. Each carries
 * the step it happened in (number within the incarnation, start time), so the lifecycle timeline can show
 * when that step started even though the runner only reports step starts as they finish.
 */
public abstract sealed class TaskFailure extends RuntimeException {

  private final long stepNumber;
  private final transient Instant stepStartedAt;

  private TaskFailure(String message, Throwable cause, long stepNumber, Instant stepStartedAt) {
    super(message, cause);
    this.stepNumber = stepNumber;
    this.stepStartedAt = stepStartedAt;
  }

  /** A metrics tag value for this kind of failure. */
  public abstract String reason();

  /**
   * How status shows {@code failure}: for a step that threw, what it threw (not our wrapper); for another failure of
   * the runtime, its kind as the reason; anything else as {@link ErrorInfo#of}.
   */
  public static ErrorInfo errorInfo(Throwable failure, Instant at) {
    if (failure instanceof StepThrew threw && threw.getCause() != null) {
      Throwable cause = threw.getCause();
      return new ErrorInfo(cause.getClass().getName(), String.valueOf(cause.getMessage()), threw.reason(), at);
    }
    if (failure instanceof TaskFailure known) {
      return new ErrorInfo(failure.getClass().getSimpleName(), String.valueOf(failure.getMessage()), known.reason(), at);
    }
    return ErrorInfo.of(failure, at);
  }

  /** 1 for the first step of an incarnation; 0 when no step was running. */
  public long stepNumber() {
    return stepNumber;
  }

  /** When the failing step started, or null when no step was running. */
  public Instant stepStartedAt() {
    return stepStartedAt;
  }

  /** The step threw; the cause is what it threw. */
  public static final class StepThrew extends TaskFailure {
    public StepThrew(String task, Throwable cause, long stepNumber, Instant stepStartedAt) {
      super("step of " + task + " failed: " + cause, cause, stepNumber, stepStartedAt);
    }

    @Override
    public String reason() {
      return "exception";
    }
  }

  /** No heartbeat within the heartbeat timeout; the step was interrupted and abandoned. */
  public static final class HeartbeatStalled extends TaskFailure {
    private final Duration silence;

    public HeartbeatStalled(String task, Duration silence, long stepNumber, Instant stepStartedAt) {
      super(
          task + " sent no heartbeat for " + silence.toMillis() + " ms; step interrupted and abandoned",
          null,
          stepNumber,
          stepStartedAt);
      this.silence = silence;
    }

    /** How long the step had been silent when the watchdog gave up on it (the heartbeat's age). */
    public Duration silence() {
      return silence;
    }

    @Override
    public String reason() {
      return "stalled";
    }
  }

  /** The step ran past its step timeout, heartbeats or not. */
  public static final class StepTimedOut extends TaskFailure {
    public StepTimedOut(String task, Duration timeout, long stepNumber, Instant stepStartedAt) {
      super(
          "step of " + task + " exceeded its step timeout of " + timeout.toMillis() + " ms; interrupted",
          null,
          stepNumber,
          stepStartedAt);
    }

    @Override
    public String reason() {
      return "step_timeout";
    }
  }

  /** The step could not even be started (the step pool refused it). */
  public static final class StepNotStarted extends TaskFailure {
    public StepNotStarted(String task, Throwable cause) {
      super("step of " + task + " could not start: " + cause, cause, 0, null);
    }

    @Override
    public String reason() {
      return "not_started";
    }
  }
}
