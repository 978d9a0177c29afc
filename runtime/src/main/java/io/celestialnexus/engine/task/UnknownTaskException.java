package io.celestialnexus.engine.task;

/** A command named a task this node does not run. */
public final class UnknownTaskException extends RuntimeException {

  private final String task;

  public UnknownTaskException(String task) {
    super("no task named '" + task + "'");
    this.task = task;
  }

  public String task() {
    return task;
  }
}
