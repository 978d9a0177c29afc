package io.celestialnexus.engine.status;

/** Lifecycle of a supervised task as status reports it. */
public enum TaskState {
  /** Spawned, first step not started yet. */
  STARTING,
  /** Stepping or waiting for its next step. */
  RUNNING,
  /** Failed; waiting for its scheduled restart. */
  BACKOFF,
  /** Its heartbeat stalled; the step was abandoned and a restart is scheduled. */
  STALLED,
  /** Restarted more than flap-limit times inside flap-window; retried every max-backoff. */
  FLAPPING,
  /** Paused by an operator. */
  PAUSED,
  /** Stopped for shutdown. */
  STOPPED
}
