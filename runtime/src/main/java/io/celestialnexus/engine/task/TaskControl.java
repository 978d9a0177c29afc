package io.celestialnexus.engine.task;

import io.celestialnexus.engine.status.TaskStatus;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What the edges (HTTP task API, the prediction service's on-demand runs) may do to the node's tasks: a narrow port,
 * so that an edge never holds the supervisor's reference. {@link SupervisorTaskControl} asks the {@code tasks}
 * supervisor.
 *
 * <p>Every stage completes within the implementation's timeout. Failures an edge should map:
 * {@link UnknownTaskException} (no such task here), {@link TaskActionRefused} (the task's state does not allow it
 * now, with the reason) and {@link java.util.concurrent.TimeoutException}.
 */
public interface TaskControl {

  /** Applies {@code action} to {@code task}; answers the task's status once the action took effect. */
  CompletionStage<TaskStatus> control(String task, TaskSupervisor.Action action);

  /** The task's lifecycle events stamped after {@code sinceMillis} (epoch ms), oldest first. */
  CompletionStage<List<LifecycleEvent>> timeline(String task, long sinceMillis);
}
