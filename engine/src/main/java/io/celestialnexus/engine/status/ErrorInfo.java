package io.celestialnexus.engine.status;

import io.celestialnexus.engine.task.TaskFailure;
import java.time.Instant;

/** The last error of a task as status shows it: what kind, what it said, when. */
public record ErrorInfo(String type, String message, String reason, Instant at) {

  /** Unwraps a step's own exception so that status names what the task threw, not our wrapper. */
  public static ErrorInfo of(Throwable failure, Instant at) {
    if (failure instanceof TaskFailure.StepThrew threw && threw.getCause() != null) {
      Throwable cause = threw.getCause();
      return new ErrorInfo(cause.getClass().getName(), String.valueOf(cause.getMessage()), threw.reason(), at);
    }
    String reason = failure instanceof TaskFailure known ? known.reason() : "runtime";
    return new ErrorInfo(failure.getClass().getSimpleName(), String.valueOf(failure.getMessage()), reason, at);
  }
}
