package io.celestialnexus.engine.ssq.loop;

import io.celestialnexus.engine.ssq.state.DrawHistory;
import io.celestialnexus.engine.task.TaskSupervisor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * Wakes {@code ssq-cycle} when draws are added (by the API, the CLI through the API, or the bundled import):
 * subscribes to the draws topic and asks the task supervisor to run the cycle now. A refusal (the task is paused
 * or backing off) is fine: the cycle reviews the draw at its next step anyway.
 */
public final class DrawWakeUp {

  private DrawWakeUp() {}

  public static Behavior<DrawHistory.DrawsAdded> create(
      ActorRef<Topic.Command<DrawHistory.DrawsAdded>> drawsAdded, ActorRef<TaskSupervisor.Command> tasks) {
    return Behaviors.setup(
        context -> {
          drawsAdded.tell(Topic.subscribe(context.getSelf()));
          return Behaviors.receiveMessage(
              added -> {
                context.getLog().debug("{} draw(s) added: waking {}", added.draws().size(), SsqLoop.CYCLE_TASK);
                tasks.tell(new TaskSupervisor.Control(SsqLoop.CYCLE_TASK, TaskSupervisor.Action.RUN, context.getSystem().ignoreRef()));
                return Behaviors.same();
              });
        });
  }
}
