package io.celestialnexus.engine.status;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Last-known state of one task, as its supervisor reports it. Immutable; {@code fields} is the step's last
 * heartbeat payload.
 *
 * @param since when {@code state} was entered
 * @param started whether any step has started since the node came up (readiness)
 * @param runningSince when the current incarnation was spawned (uptime), null while not running
 */
public record TaskStatus(
    String name,
    TaskState state,
    Instant since,
    boolean started,
    Instant runningSince,
    Instant lastHeartbeat,
    Map<String, Object> fields,
    int consecutiveFailures,
    long totalRestarts,
    ErrorInfo lastError,
    Instant nextRestartAt,
    ScheduleDecision schedule,
    long stepsCompleted) {

  /** True when {@code other} differs in more than heartbeat details, i.e. worth a prompt status file write. */
  public boolean lifecycleDiffers(TaskStatus other) {
    return other == null
        || state != other.state
        || started != other.started
        || consecutiveFailures != other.consecutiveFailures
        || totalRestarts != other.totalRestarts
        || !Objects.equals(lastError, other.lastError)
        || !Objects.equals(nextRestartAt, other.nextRestartAt);
  }
}
