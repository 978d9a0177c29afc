package io.celestialnexus.app.node;

import io.celestialnexus.bridge.adb.DadbConnector;
import io.celestialnexus.bridge.device.BridgeDirectory;
import io.celestialnexus.bridge.device.DeviceManager;
import io.celestialnexus.engine.chat.SkillRouter;
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
 * The root of the node: spawns {@code status}, {@code tasks} and {@code devices} (dependency order), binds the
 * {@code api} listener, and registers the graceful stop with CoordinatedShutdown: unbind HTTP, drain running
 * steps and phone rounds, write the final status. No business logic lives here.
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
      SkillRouter skills,
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
          // TaskSupervisor holds only its children; a failure of its own restarts every task afresh.
          ActorRef<TaskSupervisor.Command> taskSupervisor =
              context.spawn(
                  Behaviors.supervise(TaskSupervisor.create(tasks, status, clock, registry))
                      .onFailure(SupervisorStrategy.restart()),
                  "tasks");
          // Holds only its phones; a failure of its own reconnects every phone afresh.
          ActorRef<DeviceManager.Command> devices =
              context.spawn(
                  Behaviors.supervise(
                          DeviceManager.create(
                              settings.bridge(), new DadbConnector(settings.bridge().adb()), skills, status, clock, registry))
                      .onFailure(SupervisorStrategy.restart()),
                  "devices");

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
              CoordinatedShutdown.PhaseServiceRequestsDone(),
              "drain-devices",
              () ->
                  AskPattern.<DeviceManager.Command, Done>ask(
                      devices,
                      replyTo -> new DeviceManager.DrainAll(drainTimeout, replyTo),
                      drainTimeout.plusSeconds(2),
                      system.scheduler()));
          shutdown.addTask(
              CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
              "write-final-status",
              () -> AskPattern.ask(status, StatusBoard.WriteFinal::new, java.time.Duration.ofSeconds(5), system.scheduler()));

          var engine = new EngineGateway(system, status, taskSupervisor, settings.http().askTimeout());
          var phones =
              new BridgeDirectory(system, devices, settings.bridge().askTimeout(), settings.bridge().screenshotTimeout());
          NexusHttpServer.bind(
                  system,
                  settings.http().api(),
                  new ApiRoutes(engine, phones, settings.http(), registry).route(),
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
