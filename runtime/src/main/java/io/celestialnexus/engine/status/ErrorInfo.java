package io.celestialnexus.engine.status;

import java.time.Instant;

/**
 * The last error of a task as status shows it: what kind, what it said, why (a metrics tag: {@code exception},
 * {@code stalled}, ...), when. The task runtime describes its own failures ({@code TaskFailure.errorInfo});
 * anything else is {@link #of}.
 */
public record ErrorInfo(String type, String message, String reason, Instant at) {

  /** A failure the runtime knows nothing more about: its class and message, reason {@code runtime}. */
  public static ErrorInfo of(Throwable failure, Instant at) {
    return new ErrorInfo(failure.getClass().getSimpleName(), String.valueOf(failure.getMessage()), "runtime", at);
  }
}
