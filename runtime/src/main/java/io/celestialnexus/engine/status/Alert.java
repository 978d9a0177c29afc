package io.celestialnexus.engine.status;

import java.time.Instant;

/**
 * An operator-facing alert: a task FLAPPING, a restart storm, storage down. {@code task} is what the alert is about (a
 * task, a component, a phone's task), null for node-wide alerts.
 */
public record Alert(Instant at, String kind, String task, String message) {

  public static final String FLAPPING = "FLAPPING";
  public static final String RESTART_STORM = "RESTART_STORM";
  /** A step of a task that {@code alertsOnFailure} failed. */
  public static final String TASK_FAILED = "TASK_FAILED";
  /** A component (storage, a listener) reported down; resolved when it is up again. */
  public static final String COMPONENT_DOWN = "COMPONENT_DOWN";
  /** A task has been failing (backoff, stalled, flapping) for longer than {@code task-down-after}. */
  public static final String TASK_DOWN = "TASK_DOWN";
  /** A phone's task ({@code device-<serial>}) has been failing for longer than {@code task-down-after}. */
  public static final String PHONE_OFFLINE = "PHONE_OFFLINE";
  /** A phone gave up on an outgoing message (android-bridge's dead letters). */
  public static final String PHONE_DEAD_LETTER = "PHONE_DEAD_LETTER";
  /** The heap still held more than {@code heap.threshold} of its maximum after garbage collection. */
  public static final String HEAP_HIGH = "HEAP_HIGH";

  /** The prefix of the phones' task names (android-bridge's {@code DeviceTask}): their long outage is PHONE_OFFLINE. */
  public static final String PHONE_TASK_PREFIX = "device-";
}
