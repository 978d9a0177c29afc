package io.celestialnexus.engine.status;

import java.time.Instant;

/** An operator-facing alert: a task FLAPPING, a restart storm, storage down. */
public record Alert(Instant at, String kind, String task, String message) {

  public static final String FLAPPING = "FLAPPING";
  public static final String RESTART_STORM = "RESTART_STORM";
  /** A step of a task that {@code alertsOnFailure} failed. */
  public static final String TASK_FAILED = "TASK_FAILED";
}
