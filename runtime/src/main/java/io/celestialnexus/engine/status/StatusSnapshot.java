package io.celestialnexus.engine.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The status document: what {@code GET /status} answers and {@code reports/status.json} holds.
 *
 * @param ready every task has started a step and every component is up
 */
public record StatusSnapshot(
    Instant generatedAt,
    NodeInfo node,
    Health health,
    int healthCode,
    boolean ready,
    List<ComponentStatus> components,
    List<TaskReport> tasks,
    List<Alert> recentAlerts) {

  /** Identity and age of the node that produced the document. */
  public record NodeInfo(long pid, String version, Instant startedAt, long uptimeMillis) {}

  public Optional<TaskReport> task(String name) {
    return tasks.stream().filter(report -> report.status().name().equals(name)).findFirst();
  }
}
