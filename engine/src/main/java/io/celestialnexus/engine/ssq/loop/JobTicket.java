package io.celestialnexus.engine.ssq.loop;

import io.celestialnexus.engine.task.TaskContext;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One job handed to the {@link LoopOwner} by a task's step, and the way its outcome gets back to the step's thread
 * (which is not an actor, so it cannot be a reply ref). Local by nature: it never crosses the network, as the loop
 * and its tasks always run on the same node. Compared by identity.
 */
final class JobTicket {

  private final LoopJob job;
  private final TaskContext context;
  private final CompletableFuture<Map<String, Object>> outcome = new CompletableFuture<>();

  JobTicket(LoopJob job, TaskContext context) {
    this.job = job;
    this.context = context;
  }

  LoopJob job() {
    return job;
  }

  /** The submitting step's context: the job's progress is that task's heartbeat. */
  TaskContext context() {
    return context;
  }

  void finished(Map<String, Object> fields) {
    outcome.complete(fields);
  }

  void failed(Throwable cause) {
    outcome.completeExceptionally(cause);
  }

  boolean done() {
    return outcome.isDone();
  }

  /** Waits for the outcome; interruptible, so the waiting step can be abandoned. A failure is rethrown as it was. */
  Map<String, Object> await() throws Exception {
    try {
      return outcome.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  @Override
  public String toString() {
    return job.task();
  }
}
