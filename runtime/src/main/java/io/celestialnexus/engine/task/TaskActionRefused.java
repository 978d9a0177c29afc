package io.celestialnexus.engine.task;

/** An operator's action that the task's state does not allow now (e.g. run a paused task); the message says why. */
public final class TaskActionRefused extends RuntimeException {

  public TaskActionRefused(String message) {
    super(message);
  }
}
