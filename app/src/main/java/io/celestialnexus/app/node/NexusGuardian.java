package io.celestialnexus.app.node;

import io.celestialnexus.app.cluster.ClusterMembers;
import io.celestialnexus.app.cluster.ClusterWatch;
import io.celestialnexus.app.alert.AlertCouriers;
import io.celestialnexus.app.alert.AlertDispatcher;
import io.celestialnexus.app.alert.AlertSettings;
import io.celestialnexus.bridge.adb.DadbConnector;
import io.celestialnexus.bridge.device.BridgeDirectory;
import io.celestialnexus.bridge.device.DeviceManager;
import io.celestialnexus.engine.backup.BackupSource;
import io.celestialnexus.engine.chaos.ChaosAssaults;
import io.celestialnexus.engine.chat.SkillRouter;
import io.celestialnexus.engine.chat.desk.DivinationDesk;
import io.celestialnexus.engine.chat.desk.LoopPredictionDesk;
import io.celestialnexus.engine.chat.skill.ChatSkills;
import io.celestialnexus.engine.cluster.ClusterPort;
import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.loop.DrawWakeUp;
import io.celestialnexus.engine.ssq.loop.LoopService;
import io.celestialnexus.engine.ssq.loop.LoopStore;
import io.celestialnexus.engine.ssq.loop.PredictionLoop;
import io.celestialnexus.engine.ssq.loop.PredictionService;
import io.celestialnexus.engine.ssq.state.BundledHistoryImport;
import io.celestialnexus.engine.ssq.state.DrawHistory;
import io.celestialnexus.engine.ssq.state.HistoryDrawStore;
import io.celestialnexus.engine.ssq.state.PredictionLog;
import io.celestialnexus.engine.ssq.state.StrategyWeights;
import io.celestialnexus.engine.status.BoardStatusPort;
import io.celestialnexus.engine.status.HeapWatch;
import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.engine.status.StatusPort;
import io.celestialnexus.engine.storage.JournalProbe;
import io.celestialnexus.engine.storage.JournalProbeEntity;
import io.celestialnexus.engine.storage.StorageWatch;
import io.celestialnexus.engine.support.EngineClock;
import io.celestialnexus.engine.task.SupervisorTaskControl;
import io.celestialnexus.engine.task.Task;
import io.celestialnexus.engine.task.TaskControl;
import io.celestialnexus.engine.task.TaskSupervisor;
import io.celestialnexus.http.ApiRoutes;
import io.celestialnexus.http.HttpMetrics;
import io.celestialnexus.http.NexusHttpServer;
import io.celestialnexus.http.connections.ConnectionGate;
import io.celestialnexus.http.wechat.ReplyGate;
import io.celestialnexus.http.wechat.WechatEdge;
import io.celestialnexus.http.wechat.WechatEndpoint;
import io.celestialnexus.http.wechat.WechatMetrics;
import io.celestialnexus.http.wechat.WechatRoutes;
import io.celestialnexus.http.wechat.WechatSettings;
import io.celestialnexus.persistence.JournalBackups;
import io.celestialnexus.persistence.StorageCheck;
import io.celestialnexus.persistence.StorageLease;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root of the node, wiring only. Spawns, in dependency order, {@code alerts} (delivery to people), {@code status}
 * with {@code heap-watch}, {@code storage} (the database
 * watch), the event-sourced entities ({@code draws}, {@code weights}, {@code predictions}) with the
 * bundled-history import, {@code tasks} and {@code devices}; binds the {@code api} listener; spawns {@code wechat}
 * and binds its listener when a WeChat token is configured; and registers the graceful stop with
 * CoordinatedShutdown (unbind HTTP, drain running steps and phone rounds, write the final status). One skills
 * router answers both chat edges.
 */
public final class NexusGuardian {

  private static final Logger LOG = LoggerFactory.getLogger(NexusGuardian.class);

  /**
   * What the guardian was given to wire: settings, the tasks (and the SSQ loop three of them hand their jobs to, whose
   * owner it spawns once the entities run), meters, time, and where to report what it started.
   */
  public record Wiring(
      NodeSettings settings,
      List<Task> tasks,
      Optional<PredictionLoop> loop,
      PrometheusMeterRegistry registry,
      EngineClock clock,
      String version,
      Optional<ChaosAssaults> chaos,
      StorageCheck.Result storageAtStart,
      StorageLease lease,
      List<Draw> bundledHistory,
      CompletableFuture<StateRefs> state,
      CompletableFuture<InetSocketAddress> apiBound,
      CompletableFuture<Optional<InetSocketAddress>> wechatBound) {}

  private final ActorContext<Void> context;
  private final Wiring wiring;
  private final NodeSettings settings;
  private final ActorSystem<Void> system;

  private NexusGuardian(ActorContext<Void> context, Wiring wiring) {
    this.context = context;
    this.wiring = wiring;
    this.settings = wiring.settings();
    this.system = context.getSystem();
  }

  public static Behavior<Void> create(Wiring wiring) {
    return Behaviors.setup(
        context -> {
          new NexusGuardian(context, wiring).wire();
          return Behaviors.empty();
        });
  }

  private void wire() {
    if (wiring.chaos().isPresent()) {
      context
          .getLog()
          .warn(
              "chaos is ENABLED (nexus.chaos.enabled): anyone with the API key can make tasks fail, hang or slow down"
                  + " through /api/chaos");
    }
    ActorRef<AlertDispatcher.Command> alerts = spawnAlerts();
    // The board's state is rebuilt from the keepers' next reports, so a restart loses nothing.
    ActorRef<StatusBoard.Command> status =
        context.spawn(
            Behaviors.supervise(
                    StatusBoard.create(
                        settings.engine().runtime().status(),
                        notice -> alerts.tell(new AlertDispatcher.Notify(notice)),
                        wiring.clock(),
                        wiring.registry(),
                        wiring.version()))
                .onFailure(SupervisorStrategy.restart()),
            "status");
    // It holds two counters: restarted, it counts afresh.
    context.spawn(
        Behaviors.supervise(HeapWatch.create(settings.engine().runtime().status().heap(), status))
            .onFailure(SupervisorStrategy.restart()),
        "heap-watch");
    watchStorage(status);
    ClusterPort cluster = joinCluster(status);
    StateRefs state = spawnEntities();
    probeWrites(state, status);
    wiring.state().complete(state);
    // TaskSupervisor holds only its children; a failure of its own restarts every task afresh.
    ActorRef<TaskSupervisor.Command> tasks =
        context.spawn(
            Behaviors.supervise(
                    TaskSupervisor.create(
                        wiring.tasks(), status, wiring.clock(), wiring.registry(), settings.engine().runtime().timelineEvents()))
                .onFailure(SupervisorStrategy.restart()),
            "tasks");
    // the edges (API, chat, prediction service) reach the engine through its ports, each bounded by its ask timeout
    StatusPort statusPort = new BoardStatusPort(status, system.scheduler(), settings.engine().askTimeout());
    TaskControl taskControl = new SupervisorTaskControl(tasks, system.scheduler(), settings.engine().askTimeout());
    // It holds nothing but its subscription, which a restart makes again; a draw it missed meanwhile is reviewed at the
    // cycle's next interval anyway.
    wiring
        .loop()
        .ifPresent(
            loop ->
                context.spawn(
                    Behaviors.supervise(DrawWakeUp.create(state.drawsAdded(), tasks)).onFailure(SupervisorStrategy.restart()),
                    "draw-wake-up"));
    PredictionService predictions =
        new LoopService(
            state.weights(),
            state.predictions(),
            wiring.loop(),
            task -> taskControl.control(task, TaskSupervisor.Action.RUN),
            system.scheduler(),
            system.dispatchers().lookup(DispatcherSelector.blocking()),
            settings.engine().askTimeout());
    SkillRouter skills =
        ChatSkills.standard(
            settings.chat(),
            new ChatSkills.Sources(statusPort, new LoopPredictionDesk(predictions), new DivinationDesk()),
            wiring.registry(),
            system.classicSystem().scheduler());
    // Holds only its phones; a failure of its own reconnects every phone afresh.
    ActorRef<DeviceManager.Command> devices =
        context.spawn(
            Behaviors.supervise(
                    DeviceManager.create(
                        settings.bridge(),
                        new DadbConnector(settings.bridge().adb()),
                        skills,
                        status,
                        wiring.clock(),
                        wiring.registry()))
                .onFailure(SupervisorStrategy.restart()),
            "devices");

    registerGracefulStop(tasks, devices, status);
    bindApi(statusPort, taskControl, state, predictions, devices, cluster);
    startWechat(status, skills);
  }

  /**
   * In cluster mode, joins (itself when no seeds are configured: the first member) and watches the membership: the
   * {@code cluster} component is down, and the node not ready, until this node is Up.
   */
  private ClusterPort joinCluster(ActorRef<StatusBoard.Command> status) {
    if (!settings.cluster().enabled()) {
      return ClusterPort.off();
    }
    var cluster = Cluster.get(system);
    if (settings.cluster().seeds().isEmpty()) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }
    var members = new ClusterMembers(system);
    context.spawn(
        Behaviors.supervise(ClusterWatch.create(members, status, ClusterWatch.Gauges.register(wiring.registry()))).onFailure(SupervisorStrategy.restart()),
        "cluster-watch");
    return members;
  }

  /**
   * Delivery of alerts to the configured channels. Whatever waits for grouping or a retry is in memory only: a
   * restart loses it (the board logged each alert and keeps it in alerts.json).
   */
  private ActorRef<AlertDispatcher.Command> spawnAlerts() {
    AlertSettings alerts = settings.alerts();
    if (alerts.anyChannel()) {
      context.getLog().info("alerts go to {} as node '{}'", alerts.channelNames(), alerts.nodeName());
    } else {
      context.getLog().info("no alert channel configured (nexus.alerts.*): alerts reach only the log and alerts.json");
    }
    var couriers =
        AlertCouriers.of(
            alerts, AlertCouriers.httpClient(alerts), system.dispatchers().lookup(DispatcherSelector.blocking()), wiring.clock());
    return context.spawn(
        Behaviors.supervise(AlertDispatcher.create(alerts, couriers, wiring.registry())).onFailure(SupervisorStrategy.restart()),
        "alerts");
  }

  /** The database watch only checks and reports; restarted, it checks again at once. */
  private void watchStorage(ActorRef<StatusBoard.Command> status) {
    var storage = settings.storage();
    context.spawn(
        Behaviors.supervise(
                StorageWatch.create(
                    this::checkStorage,
                    storage.healthInterval(),
                    storage.healthTimeout(),
                    wiring.storageAtStart(),
                    status,
                    wiring.registry()))
            .onFailure(SupervisorStrategy.restart()),
        "storage");
  }

  /**
   * The writer's lease, then the database. A lease another node took means two writers on one journal: this node
   * stops itself at once (its start command exits 1), and whoever supervises it finds the start refused, naming the
   * holder, until that node stops.
   */
  private StorageCheck.Result checkStorage() {
    var storage = settings.storage();
    StorageLease.Check lease = wiring.lease().check();
    if (lease instanceof StorageLease.Lost lost) {
      // on the storage watch's thread, not the guardian's: its own logger, not the actor context's
      LOG.error("another node took the writer's lease on {}: {}; stopping this node", storage.describe(), lost.holder());
      CoordinatedShutdown.get(system).run(LeaseLost.INSTANCE);
      return new StorageCheck.Result(false, "the writer's lease was taken by " + lost.holder() + "; this node stops");
    }
    StorageCheck.Result database = StorageCheck.run(storage, storage.healthTimeout());
    return lease instanceof StorageLease.Unreachable unreachable && database.up()
        ? new StorageCheck.Result(false, unreachable.detail())
        : database;
  }

  /**
   * Journal failures are handled inside each entity (restart with the state backoff); anything else that breaks
   * one (a bug) restarts it with the same backoff, replaying its journal. The bundled history is recorded by a
   * one-shot importer that stops once the draws are stored (retrying while the journal is down).
   */
  private StateRefs spawnEntities() {
    var state = settings.state();
    var backoff = state.journalBackoff();
    var drawsAdded = context.spawn(DrawHistory.topic(), "draws-added");
    var draws =
        context.spawn(
            Behaviors.supervise(DrawHistory.create(DrawHistory.SSQ, state, wiring.clock(), drawsAdded)).onFailure(backoff),
            "draws");
    var weights =
        context.spawn(
            Behaviors.supervise(StrategyWeights.create(StrategyWeights.LIVE, state, wiring.clock())).onFailure(backoff),
            "weights");
    var predictions =
        context.spawn(
            Behaviors.supervise(PredictionLog.create(PredictionLog.SSQ, state, wiring.clock())).onFailure(backoff),
            "predictions");
    if (!wiring.bundledHistory().isEmpty()) {
      context.spawn(
          BundledHistoryImport.create(draws, wiring.bundledHistory(), state, wiring.registry()), "bundled-history-import");
    }
    wiring.loop().ifPresent(loop -> spawnLoopOwner(loop, new LoopStore(draws, weights, predictions, system.scheduler(), state.askTimeout())));
    return new StateRefs(draws, weights, predictions, drawsAdded);
  }

  /**
   * Readiness follows writes: a probe entity writes through the same journal, and each entity must answer (it does
   * not while it sits in its journal backoff, when every write to it would time out). Both only ask; restarted, the
   * probe checks again at once, and the probe entity replays its few events.
   */
  private void probeWrites(StateRefs state, ActorRef<StatusBoard.Command> status) {
    var probe = settings.writesProbe();
    var scheduler = system.scheduler();
    Duration timeout = probe.timeout();
    var journal =
        context.spawn(
            Behaviors.supervise(JournalProbeEntity.create(settings.state())).onFailure(settings.state().journalBackoff()),
            "journal-probe-entity");
    List<JournalProbe.Check> checks =
        List.of(
            new JournalProbe.Check("journal write", () -> AskPattern.ask(journal, JournalProbeEntity.Probe::new, timeout, scheduler)),
            new JournalProbe.Check(
                "draws",
                () -> AskPattern.<DrawHistory.Command, DrawHistory.DrawLookup>ask(state.draws(), replyTo -> new DrawHistory.GetDraw(0, replyTo), timeout, scheduler)),
            new JournalProbe.Check("weights", () -> AskPattern.ask(state.weights(), StrategyWeights.GetWeights::new, timeout, scheduler)),
            new JournalProbe.Check("predictions", () -> AskPattern.ask(state.predictions(), PredictionLog.GetLatest::new, timeout, scheduler)));
    context.spawn(
        Behaviors.supervise(JournalProbe.create(checks, probe.interval(), timeout, status, wiring.registry()))
            .onFailure(SupervisorStrategy.restart()),
        "writes-probe");
  }

  /** The loop's state is a cache of the journal: a restarted owner reads it back, and its tasks retry their jobs. */
  private void spawnLoopOwner(PredictionLoop loop, LoopStore store) {
    var owner = context.spawn(Behaviors.supervise(loop.owner(store, wiring.clock())).onFailure(SupervisorStrategy.restart()), "ssq-loop");
    loop.attach(owner, system.scheduler(), settings.state().askTimeout());
  }

  private void registerGracefulStop(
      ActorRef<TaskSupervisor.Command> tasks, ActorRef<DeviceManager.Command> devices, ActorRef<StatusBoard.Command> status) {
    var shutdown = CoordinatedShutdown.get(system);
    Duration drain = settings.engine().runtime().drainTimeout();
    var lifecycle = settings.engine().runtime().lifecycle();
    shutdown.addTask(
        CoordinatedShutdown.PhaseServiceRequestsDone(),
        "drain-tasks",
        () ->
            AskPattern.<TaskSupervisor.Command, Done>ask(
                tasks, replyTo -> new TaskSupervisor.DrainAll(drain, replyTo), drain.plus(lifecycle.drainGrace()), system.scheduler()));
    shutdown.addTask(
        CoordinatedShutdown.PhaseServiceRequestsDone(),
        "drain-devices",
        () ->
            AskPattern.<DeviceManager.Command, Done>ask(
                devices, replyTo -> new DeviceManager.DrainAll(drain, replyTo), drain.plus(lifecycle.drainGrace()), system.scheduler()));
    shutdown.addTask(
        CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
        "write-final-status",
        () -> AskPattern.ask(status, StatusBoard.WriteFinal::new, lifecycle.finalStatusTimeout(), system.scheduler()));
  }

  private void bindApi(
      StatusPort status,
      TaskControl tasks,
      StateRefs state,
      PredictionService predictions,
      ActorRef<DeviceManager.Command> devices,
      ClusterPort cluster) {
    var draws = new HistoryDrawStore(state.draws(), system.scheduler(), settings.engine().askTimeout());
    var phones = new BridgeDirectory(system, devices, settings.bridge().askTimeout(), settings.bridge().screenshotTimeout());
    var routes =
        new ApiRoutes(status, tasks, draws, phones, predictions, backups(), cluster, settings.http(), wiring.registry(), wiring.chaos());
    NexusHttpServer.bind(
            system,
            settings.http().api(),
            routes.route(),
            settings.http().unbindDeadline(),
            new ConnectionGate("api", settings.http().connections(), wiring.registry()))
        .whenComplete(
            (binding, failure) -> {
              if (failure != null) {
                wiring.apiBound().completeExceptionally(failure);
              } else {
                wiring.apiBound().complete(binding.localAddress());
              }
            });
  }

  /** The journal's backups through the API, on the blocking dispatcher and a connection of their own. */
  private BackupSource backups() {
    Executor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
    return out ->
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return JournalBackups.backup(settings.storage(), wiring.version(), wiring.clock(), out);
              } catch (SQLException | IOException e) {
                throw new CompletionException(e);
              }
            },
            blocking);
  }

  private void startWechat(ActorRef<StatusBoard.Command> status, SkillRouter skills) {
    WechatSettings wechat = settings.wechat();
    if (!wechat.enabled()) {
      context.getLog().info("wechat listener off: WECHAT_TOKEN (nexus.http.wechat.token) is not set");
      wiring.wechatBound().complete(Optional.empty());
      return;
    }
    var metrics = new WechatMetrics(wiring.registry());
    var services = new CompletableFuture<WechatEdge.Services>();
    // No supervision: `wechat` only spawns its children (each restarts in place) and never fails itself.
    context.spawn(WechatEdge.create(wechat, status, metrics, wiring.clock(), services), "wechat");
    services
        .thenCompose(
            edge -> {
              var gate =
                  new ReplyGate(
                      edge.dedup(), edge.rateLimiter(), skills, edge.lateReplies(), system.scheduler(),
                      system.executionContext(), wechat, metrics);
              var endpoint = new WechatEndpoint(wechat, gate, metrics, wiring.clock());
              var routes = new WechatRoutes(endpoint, wechat, metrics, new HttpMetrics(wiring.registry()));
              var connections = new ConnectionGate("wechat", settings.http().connections(), wiring.registry());
              return NexusHttpServer.bind(system, wechat.listener(), routes.route(), settings.http().unbindDeadline(), connections);
            })
        .whenComplete(
            (binding, failure) -> {
              if (failure != null) {
                wiring.wechatBound().completeExceptionally(failure);
                return;
              }
              InetSocketAddress address = binding.localAddress();
              status.tell(
                  new StatusBoard.ComponentUpdated(
                      "wechat", true, "listening on " + address.getHostString() + ":" + address.getPort() + "/" + wechat.path()));
              wiring.wechatBound().complete(Optional.of(address));
            });
  }
}
