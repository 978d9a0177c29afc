package io.celestialnexus.app.node;

import io.celestialnexus.engine.chaos.ChaosAssaults;
import io.celestialnexus.engine.chat.ChatSkillRouter;
import io.celestialnexus.engine.chat.ChatSkills;
import io.celestialnexus.engine.chat.PredictionDesk;
import io.celestialnexus.engine.chat.ReadingDesk;
import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.engine.support.EngineClock;
import io.celestialnexus.engine.task.Task;
import io.celestialnexus.engine.task.TaskSupervisor;
import io.celestialnexus.http.ApiRoutes;
import io.celestialnexus.http.EngineGateway;
import io.celestialnexus.http.HttpMetrics;
import io.celestialnexus.http.NexusHttpServer;
import io.celestialnexus.http.wechat.ReplyGate;
import io.celestialnexus.http.wechat.WechatEdge;
import io.celestialnexus.http.wechat.WechatEndpoint;
import io.celestialnexus.http.wechat.WechatMetrics;
import io.celestialnexus.http.wechat.WechatRoutes;
import io.celestialnexus.http.wechat.WechatSettings;
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
 * listener, spawns {@code wechat} and binds its listener when a WeChat token is configured, and registers the
 * graceful stop with CoordinatedShutdown: unbind HTTP, drain running steps, write the final status. No business
 * logic lives here.
 */
public final class NexusGuardian {

  private NexusGuardian() {}

  /**
   * {@code apiBound} completes with the api listener's address, or fails if it cannot bind; {@code wechatBound}
   * likewise for the wechat listener, empty when it is off. {@code chaos} is the assault book when chaos is enabled.
   */
  public static Behavior<Void> create(
      NodeSettings settings,
      List<Task> tasks,
      PrometheusMeterRegistry registry,
      EngineClock clock,
      String version,
      Optional<ChaosAssaults> chaos,
      CompletableFuture<InetSocketAddress> apiBound,
      CompletableFuture<Optional<InetSocketAddress>> wechatBound) {
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

          ChatSkillRouter skills =
              ChatSkills.standard(
                  settings.chat(),
                  // the prediction loop and the readings plug in here once they run on the node
                  new ChatSkills.Sources(engine::status, PredictionDesk.notAvailable(), ReadingDesk.notAvailable()),
                  registry,
                  system.classicSystem().scheduler());
          WechatSettings wechat = settings.wechat();
          if (!wechat.enabled()) {
            context.getLog().info("wechat listener off: WECHAT_TOKEN (nexus.http.wechat.token) is not set");
            wechatBound.complete(Optional.empty());
            return Behaviors.empty();
          }
          var wechatMetrics = new WechatMetrics(registry);
          var services = new CompletableFuture<WechatEdge.Services>();
          // No supervision: `wechat` only spawns its children (each restarts in place) and never fails itself.
          context.spawn(WechatEdge.create(wechat, status, wechatMetrics, clock, services), "wechat");
          services
              .thenCompose(
                  edge -> {
                    var gate =
                        new ReplyGate(edge.dedup(), edge.rateLimiter(), skills, edge.lateReplies(), system.scheduler(),
                            system.executionContext(), wechat, wechatMetrics);
                    var endpoint = new WechatEndpoint(wechat, gate, wechatMetrics, clock);
                    var routes = new WechatRoutes(endpoint, wechat, wechatMetrics, new HttpMetrics(registry));
                    return NexusHttpServer.bind(system, wechat.listener(), routes.route(), settings.http().unbindDeadline());
                  })
              .whenComplete(
                  (binding, failure) -> {
                    if (failure != null) {
                      wechatBound.completeExceptionally(failure);
                      return;
                    }
                    InetSocketAddress address = binding.localAddress();
                    status.tell(
                        new StatusBoard.ComponentUpdated(
                            "wechat", true, "listening on " + address.getHostString() + ":" + address.getPort() + "/" + wechat.path()));
                    wechatBound.complete(Optional.of(address));
                  });
          return Behaviors.empty();
        });
  }
}
