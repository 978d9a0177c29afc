package io.celestialnexus.app.node;

import io.celestialnexus.engine.chaos.ChaosAssaults;
import io.celestialnexus.engine.chaos.ChaosTask;
import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.DrawCsv;
import io.celestialnexus.engine.ssq.intake.DrawIntakeTask;
import io.celestialnexus.engine.ssq.loop.PredictionLoop;
import io.celestialnexus.engine.ssq.state.HistoryDrawStore;
import io.celestialnexus.engine.support.EngineClock;
import io.celestialnexus.engine.task.Task;
import io.celestialnexus.http.HttpSettings;
import io.celestialnexus.persistence.StorageCheck;
import io.celestialnexus.persistence.StorageKind;
import io.celestialnexus.persistence.StorageLease;
import io.celestialnexus.persistence.StorageSchema;
import io.celestialnexus.persistence.StorageStart;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: the data-dir lock, the storage, the metrics registry and the actor system, started together and
 * released together when the actor system terminates (whatever stopped it).
 */
public final class NexusNode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NexusNode.class);

  private final ActorSystem<Void> system;
  private final InetSocketAddress apiAddress;
  private final Optional<InetSocketAddress> wechatAddress;
  private final PrometheusMeterRegistry registry;
  private final StateRefs state;
  private final Duration terminateTimeout;
  private final CompletionStage<Done> released;

  private NexusNode(
      ActorSystem<Void> system,
      InetSocketAddress apiAddress,
      Optional<InetSocketAddress> wechatAddress,
      PrometheusMeterRegistry registry,
      StateRefs state,
      Duration terminateTimeout,
      CompletionStage<Done> released) {
    this.system = system;
    this.apiAddress = apiAddress;
    this.wechatAddress = wechatAddress;
    this.registry = registry;
    this.state = state;
    this.terminateTimeout = terminateTimeout;
    this.released = released;
  }

  /**
   * Starts the node and returns once its listeners are bound; fails (with everything released) if one cannot bind.
   * The storage is prepared first: an H2 schema is created, a PostgreSQL one checked (missing: StartupFailed naming
   * {@code nexus db init}); an unreachable database does not stop the start (storage shows DOWN until it is back).
   */
  public static NexusNode start(NodeSettings settings, List<Task> tasks, String version)
      throws IOException, NodeLock.HeldElsewhere, StartupFailed {
    if (settings.cluster().enabled() && settings.storage().kind() == StorageKind.H2) {
      throw new StartupFailed(
          "cluster mode (nexus.cluster.enabled) needs PostgreSQL, which every member shares: set nexus.storage.kind = postgres"
              + " (NEXUS_STORAGE_KIND) or turn the cluster off",
          null);
    }
    NodeLock lock = NodeLock.acquire(settings.engine().paths().dataDir());
    var lifecycle = settings.engine().runtime().lifecycle();
    StorageCheck.Result storage;
    try {
      storage = StorageStart.prepare(settings.storage());
    } catch (StorageSchema.Missing e) {
      closeQuietly(lock);
      throw new StartupFailed(e.getMessage(), e);
    }
    if (!storage.up()) {
      LOG.warn("starting with storage DOWN: {}", storage.detail());
    }
    StorageLease lease;
    try {
      lease = StorageLease.take(settings.storage(), owner(settings));
    } catch (StorageLease.Held e) {
      closeQuietly(lock);
      throw new StartupFailed(e.getMessage(), e);
    }
    NodeMetrics metrics = new NodeMetrics();
    // a task that exports meters of its own (the backup's age) binds them to the node's registry
    tasks.stream().filter(MeterBinder.class::isInstance).forEach(task -> ((MeterBinder) task).bindTo(metrics.registry()));
    Optional<ChaosAssaults> chaos = chaos(settings, tasks, metrics);
    List<Task> supervised = chaos.map(assaults -> ChaosTask.wrapAll(tasks, assaults)).orElse(tasks);
    var apiBound = new CompletableFuture<InetSocketAddress>();
    var wechatBound = new CompletableFuture<Optional<InetSocketAddress>>();
    var state = new CompletableFuture<StateRefs>();
    ActorSystem<Void> system =
        ActorSystem.create(
            NexusGuardian.create(
                new NexusGuardian.Wiring(
                    settings,
                    supervised,
                    tasks.stream().flatMap(task -> PredictionLoop.behind(task).stream()).findFirst(),
                    metrics.registry(),
                    EngineClock.system(),
                    version,
                    chaos,
                    storage,
                    lease,
                    bundledHistory(settings),
                    state,
                    apiBound,
                    wechatBound)),
            NodeSettings.SYSTEM_NAME,
            settings.actorSystemConfig());
    // the draw intake records through the draws entity, which exists once the guardian has spawned it
    tasks.stream()
        .flatMap(task -> DrawIntakeTask.behind(task).stream())
        .forEach(intake -> state.thenAccept(refs -> intake.attach(new HistoryDrawStore(refs.draws(), system.scheduler(), settings.engine().askTimeout()))));
    // released once the actor system is gone: whoever waits for the node's end may take the data dir at once
    CompletionStage<Done> released =
        system.getWhenTerminated().thenRun(metrics::close).thenRun(lease::close).thenRun(() -> closeQuietly(lock)).thenApply(nothing -> Done.getInstance());
    InetSocketAddress address;
    try {
      address = apiBound.get(lifecycle.bindTimeout().toMillis(), TimeUnit.MILLISECONDS);
      LOG.info(
          "nexus {} up: health http://{}:{}/health, status /status, metrics /metrics, data {}",
          version,
          address.getHostString(),
          address.getPort(),
          settings.engine().paths().dataDir());
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      throw failedToListen(system, released, settings.http().api(), e, lifecycle.terminateTimeout());
    }
    try {
      Optional<InetSocketAddress> wechat = wechatBound.get(lifecycle.bindTimeout().toMillis(), TimeUnit.MILLISECONDS);
      wechat.ifPresent(bound -> LOG.info("wechat webhook http://{}:{}/{}", bound.getHostString(), bound.getPort(), settings.wechat().path()));
      return new NexusNode(system, address, wechat, metrics.registry(), state.getNow(null), lifecycle.terminateTimeout(), released);
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      throw failedToListen(system, released, settings.wechat().listener(), e, lifecycle.terminateTimeout());
    }
  }

  /** How this node is named to another node refused by its lease: host, PID and data dir. */
  private static String owner(NodeSettings settings) {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "unknown-host";
    }
    return host + " pid " + ProcessHandle.current().pid() + " " + settings.engine().paths().dataDir();
  }

  /**
   * The shipped draw history to record at start (empty when the import is off), read here on the starting thread
   * before the actor system exists, so that no actor's thread parses a CSV and the import is asked before the
   * listeners take requests.
   */
  private static List<Draw> bundledHistory(NodeSettings settings) {
    return settings.state().importBundledHistory() ? DrawCsv.bundled() : List.of();
  }

  /** The assault book when chaos is enabled; every task is then wrapped so assaults act through its steps. */
  private static Optional<ChaosAssaults> chaos(NodeSettings settings, List<Task> tasks, NodeMetrics metrics) {
    if (!settings.chaos().enabled()) {
      return Optional.empty();
    }
    Set<String> names = tasks.stream().map(Task::name).collect(Collectors.toSet());
    return Optional.of(new ChaosAssaults(names, settings.chaos().history(), EngineClock.system(), metrics.registry()));
  }

  public InetSocketAddress apiAddress() {
    return apiAddress;
  }

  /** The wechat listener's address; empty when no WeChat token is configured. */
  public Optional<InetSocketAddress> wechatAddress() {
    return wechatAddress;
  }

  private static StartupFailed failedToListen(
      ActorSystem<Void> system, CompletionStage<Done> released, HttpSettings.Listener listener, Exception e, Duration terminateTimeout) {
    Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
    system.terminate();
    awaitQuietly(released, terminateTimeout);
    return new StartupFailed("cannot listen on " + listener.host() + ":" + listener.port() + ": " + cause.getMessage(), cause);
  }

  /** The node's meters, as /metrics exposes them. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The event-sourced entities and the new-draw topic. */
  public StateRefs state() {
    return state;
  }

  public ActorSystem<Void> system() {
    return system;
  }

  /** Completes once the node has stopped and released its data dir. */
  public CompletionStage<Done> whenTerminated() {
    return released;
  }

  /** Runs the graceful stop (unbind, drain, final status) and waits for it. */
  @Override
  public void close() {
    CoordinatedShutdown.get(system).run(CoordinatedShutdown.unknownReason());
    awaitQuietly(released, terminateTimeout);
  }

  /** The node could not start (typically: its port is taken). */
  public static final class StartupFailed extends Exception {
    public StartupFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static void awaitQuietly(CompletionStage<Done> stage, Duration timeout) {
    try {
      stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("actor system did not terminate cleanly: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(NodeLock lock) {
    try {
      lock.close();
    } catch (IOException e) {
      LOG.warn("cannot release the data-dir lock: {}", e.toString());
    }
  }
}
