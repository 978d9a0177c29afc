package io.celestialnexus.engine.task;

import io.celestialnexus.engine.status.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/** The {@link TaskControl} of a node: asks its {@link TaskSupervisor}, waiting at most the engine's ask timeout. */
public final class SupervisorTaskControl implements TaskControl {

  private final ActorRef<TaskSupervisor.Command> tasks;
  private final Scheduler scheduler;
  private final Duration timeout;

  public SupervisorTaskControl(ActorRef<TaskSupervisor.Command> tasks, Scheduler scheduler, Duration timeout) {
    this.tasks = tasks;
    this.scheduler = scheduler;
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<TaskStatus> control(String task, TaskSupervisor.Action action) {
    return AskPattern.askWithStatus(
        tasks, replyTo -> new TaskSupervisor.Control(task, action, replyTo), timeout, scheduler);
  }

  @Override
  public CompletionStage<List<LifecycleEvent>> timeline(String task, long sinceMillis) {
    return AskPattern.askWithStatus(
        tasks, replyTo -> new TaskSupervisor.GetTimeline(task, sinceMillis, replyTo), timeout, scheduler);
  }
}
