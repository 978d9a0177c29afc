package io.celestialnexus.app.node;

import io.celestialnexus.engine.chaos.ChaosAssaults;
import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.engine.support.EngineClock;
import io.celestialnexus.engine.task.Task;
import io.celestialnexus.engine.task.TaskSupervisor;
import io.celestialnexus.http.ApiRoutes;
import io.celestialnexus.http.EngineGateway;
import io.celestialnexus.http.NexusHttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The root of the node: spawns {@code status} then {@code tasks} (dependency order), binds the {@code api}
 * listener, and registers the graceful stop with CoordinatedShutdown: unbind HTTP, drain running steps,
 * write the final status. No business logic lives here.
 */
public final class NexusGuardian {

  private NexusGuardian() {}

  /**
   * {@code apiBound} completes with the listener's address, or fails if it cannot bind; {@code chaos} is the
   * assault book when chaos is enabled.
   */
  public static Behavior<Void> create(
      NodeSettings settings,
      List<Task> tasks,
      PrometheusMeterRegistry registry,
      EngineClock clock,
      String version,
      Optional<ChaosAssaults> chaos,
      CompletableFuture<InetSocketAddress> apiBound) {
    return Behaviors.setup(
        context -> {
          ActorSystem<Void> system = context.getSystem();
          if (chaos.isPresent()) {
            context
                .getLog()
                .warn(
                    "chaos is ENABLED (nexus.chaos.enabled): anyone with the API key can make tasks fail, hang or slow"
                        + " down through /api/chaos");
          }
          // The board's state is rebuilt from the keepers' next reports, so a restart loses nothing.
          ActorRef<StatusBoard.Command> status =
              context.spawn(
                  Behaviors.supervise(StatusBoard.create(settings.engine(), clock, registry, version))
                      .onFailure(SupervisorStrategy.restart()),
                  "status");
          // TaskSupervisor holds only its children; a failure of its own restarts every task afresh.
          ActorRef<TaskSupervisor.Command> taskSupervisor =
              context.spawn(
                  Behaviors.supervise(TaskSupervisor.create(tasks, status, clock, registry, settings.engine().timelineEvents()))
                      .onFailure(SupervisorStrategy.restart()),
                  "tasks");

          var shutdown = CoordinatedShutdown.get(system);
          var drainTimeout = settings.engine().drainTimeout();
          shutdown.addTask(
              CoordinatedShutdown.PhaseServiceRequestsDone(),
              "drain-tasks",
              () ->
                  AskPattern.<TaskSupervisor.Command, Done>ask(
                      taskSupervisor,
                      replyTo -> new TaskSupervisor.DrainAll(drainTimeout, replyTo),
                      drainTimeout.plusSeconds(2),
                      system.scheduler()));
          shutdown.addTask(
              CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
              "write-final-status",
              () -> AskPattern.ask(status, StatusBoard.WriteFinal::new, java.time.Duration.ofSeconds(5), system.scheduler()));

          var engine = new EngineGateway(system, status, taskSupervisor, settings.http().askTimeout());
          NexusHttpServer.bind(
                  system,
                  settings.http().api(),
                  new ApiRoutes(engine, settings.http(), registry, chaos).route(),
                  settings.http().unbindDeadline())
              .whenComplete(
                  (binding, failure) -> {
                    if (failure != null) {
                      apiBound.completeExceptionally(failure);
                    } else {
                      apiBound.complete(binding.localAddress());
                    }
                  });
          return Behaviors.empty();
        });
  }
}
