package io.celestialnexus.engine.task;

import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.engine.status.TaskStatus;
import io.celestialnexus.engine.support.EngineClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.pattern.StatusReply;

/**
 * The {@code tasks} node: one {@link TaskKeeper} child per task, named after it, and nothing else (one
 * for one: a task's failures stay inside its own keeper). Routes operator commands to the named task and
 * drains every task on shutdown. Keeps no state that would not be rebuilt by starting it again, so the
 * whole subtree can run as a Cluster Singleton.
 */
public final class TaskSupervisor extends AbstractBehavior<TaskSupervisor.Command> {

  public sealed interface Command {}

  /** What an operator may do to a task. */
  public enum Action {
    RESTART,
    PAUSE,
    RESUME,
    /** Step now rather than at the end of the interval (refused while paused or backing off). */
    RUN
  }

  /** Applies {@code action} to {@code task}; fails with {@link UnknownTaskException} for an unknown name. */
  public record Control(String task, Action action, ActorRef<StatusReply<TaskStatus>> replyTo)
      implements Command {}

  /** The named task's lifecycle events after {@code sinceMillis}; fails with UnknownTaskException. */
  public record GetTimeline(String task, long sinceMillis, ActorRef<StatusReply<List<LifecycleEvent>>> replyTo)
      implements Command {}

  /** Lets every running step finish (each at most {@code timeout}), then stops all tasks. */
  public record DrainAll(Duration timeout, ActorRef<Done> replyTo) implements Command {}

  private enum KeeperDrained implements Command {
    INSTANCE
  }

  private final Map<String, ActorRef<TaskKeeper.Command>> keepers = new LinkedHashMap<>();
  private final List<ActorRef<Done>> drainWaiters = new ArrayList<>();
  private boolean drainStarted;
  private int stillDraining;

  private TaskSupervisor(
      ActorContext<Command> context,
      List<Task> tasks,
      ActorRef<StatusBoard.Command> board,
      EngineClock clock,
      MeterRegistry registry,
      int timelineCapacity) {
    super(context);
    board.tell(new StatusBoard.TasksDeclared(tasks.stream().map(Task::name).toList()));
    for (Task task : tasks) {
      // A keeper only fails through a bug of its own; restarting it starts the task over with fresh state.
      ActorRef<TaskKeeper.Command> keeper =
          context.spawn(
              Behaviors.supervise(
                      TaskKeeper.create(
                          task, board, clock, registry, () -> ThreadLocalRandom.current().nextDouble(), timelineCapacity))
                  .onFailure(SupervisorStrategy.restart()),
              task.name());
      keepers.put(task.name(), keeper);
    }
  }

  /**
   * Fails fast on duplicate task names: each name is an actor name, a status key and a metrics tag.
   * {@code timelineCapacity} bounds each task's kept lifecycle events.
   */
  public static Behavior<Command> create(
      List<Task> tasks,
      ActorRef<StatusBoard.Command> board,
      EngineClock clock,
      MeterRegistry registry,
      int timelineCapacity) {
    Set<String> names = new HashSet<>();
    for (Task task : tasks) {
      if (!names.add(task.name())) {
        throw new IllegalArgumentException("two tasks are named '" + task.name() + "'");
      }
    }
    List<Task> frozen = List.copyOf(tasks);
    return Behaviors.setup(context -> new TaskSupervisor(context, frozen, board, clock, registry, timelineCapacity));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Control.class, this::onControl)
        .onMessage(GetTimeline.class, this::onGetTimeline)
        .onMessage(DrainAll.class, this::onDrainAll)
        .onMessageEquals(KeeperDrained.INSTANCE, this::onKeeperDrained)
        .build();
  }

  private Behavior<Command> onControl(Control control) {
    ActorRef<TaskKeeper.Command> keeper = keepers.get(control.task());
    if (keeper == null) {
      control.replyTo().tell(StatusReply.error(new UnknownTaskException(control.task())));
      return this;
    }
    keeper.tell(
        switch (control.action()) {
          case RESTART -> new TaskKeeper.Restart(control.replyTo());
          case PAUSE -> new TaskKeeper.Pause(control.replyTo());
          case RESUME -> new TaskKeeper.Resume(control.replyTo());
          case RUN -> new TaskKeeper.RunNow(control.replyTo());
        });
    return this;
  }

  private Behavior<Command> onGetTimeline(GetTimeline query) {
    ActorRef<TaskKeeper.Command> keeper = keepers.get(query.task());
    if (keeper == null) {
      query.replyTo().tell(StatusReply.error(new UnknownTaskException(query.task())));
    } else {
      keeper.tell(new TaskKeeper.GetTimeline(query.sinceMillis(), query.replyTo()));
    }
    return this;
  }

  private Behavior<Command> onDrainAll(DrainAll drain) {
    drainWaiters.add(drain.replyTo());
    if (!drainStarted) {
      drainStarted = true;
      stillDraining = keepers.size();
      ActorRef<Done> drained = getContext().messageAdapter(Done.class, done -> KeeperDrained.INSTANCE);
      keepers.values().forEach(keeper -> keeper.tell(new TaskKeeper.Drain(drain.timeout(), drained)));
    }
    return replyIfDrained();
  }

  private Behavior<Command> onKeeperDrained() {
    stillDraining--;
    return replyIfDrained();
  }

  private Behavior<Command> replyIfDrained() {
    if (stillDraining <= 0) {
      drainWaiters.forEach(waiter -> waiter.tell(Done.getInstance()));
      drainWaiters.clear();
    }
    return this;
  }
}
