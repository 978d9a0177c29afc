package io.celestialnexus.engine.task;

import java.util.Map;

/**
 * An autonomous task: a small object the runtime drives. It never manages its own threads, timers or
 * restarts; the engine calls {@link #step} on a dedicated pool, watches its heartbeats and restarts it
 * with backoff whenever a step throws, stalls or overruns.
 *
 * <p>Implementations must keep no state that has to survive a failover in node-local memory or files:
 * the same task object may be stepped again after a restart, and in cluster mode on another node.
 */
public interface Task {

  /** Unique, kebab-case name: the actor name, the status key and the metrics tag. */
  String name();

  /** Interval, timeouts and backoff, usually read from {@code nexus.engine.tasks.<name>}. */
  TaskSettings settings();

  /**
   * Does one unit of work and returns the heartbeat fields it wants to report ({@code round},
   * {@code records}, ...). Long steps call {@link TaskContext#progress} to heartbeat. Anything thrown fails
   * the task; an interrupt means the step was abandoned and should end promptly.
   */
  Map<String, Object> step(TaskContext context) throws Exception;

  /**
   * Whether every failed step raises a {@code TASK_FAILED} alert (besides FLAPPING, which every task raises): for
   * tasks whose single failure someone must hear of, such as a backup.
   */
  default boolean alertsOnFailure() {
    return false;
  }
}
