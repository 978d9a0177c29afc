package io.celestialnexus.app.node;

import io.celestialnexus.engine.ssq.DrawCsv;
import io.celestialnexus.engine.ssq.state.BundledHistoryImport;
import io.celestialnexus.engine.ssq.state.DrawHistory;
import io.celestialnexus.engine.ssq.state.PredictionLog;
import io.celestialnexus.engine.ssq.state.StrategyWeights;
import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.engine.storage.StorageWatch;
import io.celestialnexus.engine.support.EngineClock;
import io.celestialnexus.engine.task.Task;
import io.celestialnexus.engine.task.TaskSupervisor;
import io.celestialnexus.http.ApiRoutes;
import io.celestialnexus.http.EngineGateway;
import io.celestialnexus.http.NexusHttpServer;
import io.celestialnexus.persistence.StorageCheck;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The root of the node: spawns {@code status}, {@code storage}, the event-sourced entities ({@code draws},
 * {@code weights}, {@code predictions}) and the bundled-history import, then {@code tasks} (dependency order),
 * binds the {@code api} listener, and registers the graceful stop with CoordinatedShutdown: unbind HTTP, drain
 * running steps, write the final status. No business logic lives here.
 */
public final class NexusGuardian {

  private NexusGuardian() {}

  /** {@code apiBound} completes with the listener's address, or fails if it cannot bind. */
  public static Behavior<Void> create(
      NodeSettings settings,
      List<Task> tasks,
      PrometheusMeterRegistry registry,
      EngineClock clock,
      String version,
      StorageCheck.Result storageAtStart,
      CompletableFuture<StateRefs> state,
      CompletableFuture<InetSocketAddress> apiBound) {
    return Behaviors.setup(
        context -> {
          ActorSystem<Void> system = context.getSystem();
          // The board's state is rebuilt from the keepers' next reports, so a restart loses nothing.
          ActorRef<StatusBoard.Command> status =
              context.spawn(
                  Behaviors.supervise(StatusBoard.create(settings.engine(), clock, registry, version))
                      .onFailure(SupervisorStrategy.restart()),
                  "status");
          // The watch only checks and reports; restarted, it checks again at once.
          var storage = settings.storage();
          context.spawn(
              Behaviors.supervise(
                      StorageWatch.create(
                          () -> StorageCheck.run(storage, storage.healthTimeout()),
                          storage.healthInterval(),
                          storage.healthTimeout(),
                          storageAtStart,
                          status,
                          registry))
                  .onFailure(SupervisorStrategy.restart()),
              "storage");
          StateRefs entities = spawnEntities(context, settings, clock);
          state.complete(entities);
          if (settings.state().importBundledHistory()) {
            // one-shot: stops itself once the bundled draws are stored (it retries while the journal is down)
            context.spawn(
                BundledHistoryImport.create(entities.draws(), DrawCsv.bundled(), settings.state(), registry), "bundled-history-import");
          }
          // TaskSupervisor holds only its children; a failure of its own restarts every task afresh.
          ActorRef<TaskSupervisor.Command> taskSupervisor =
              context.spawn(
                  Behaviors.supervise(TaskSupervisor.create(tasks, status, clock, registry))
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

          var engine = new EngineGateway(system, status, taskSupervisor, entities.draws(), settings.http().askTimeout());
          NexusHttpServer.bind(
                  system,
                  settings.http().api(),
                  new ApiRoutes(engine, settings.http(), registry).route(),
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

  /**
   * Journal failures are handled inside each entity (restart with the state backoff); anything else that breaks
   * one (a bug) restarts it with the same backoff, replaying its journal.
   */
  private static StateRefs spawnEntities(
      ActorContext<Void> context, NodeSettings settings, EngineClock clock) {
    var backoff = settings.state().journalBackoff();
    var drawsAdded = context.spawn(DrawHistory.topic(), "draws-added");
    var draws =
        context.spawn(
            Behaviors.supervise(DrawHistory.create(DrawHistory.SSQ, settings.state(), clock, drawsAdded)).onFailure(backoff), "draws");
    var weights =
        context.spawn(
            Behaviors.supervise(StrategyWeights.create(StrategyWeights.LIVE, settings.state(), clock)).onFailure(backoff), "weights");
    var predictions =
        context.spawn(
            Behaviors.supervise(PredictionLog.create(PredictionLog.SSQ, settings.state(), clock)).onFailure(backoff), "predictions");
    return new StateRefs(draws, weights, predictions, drawsAdded);
  }
}
