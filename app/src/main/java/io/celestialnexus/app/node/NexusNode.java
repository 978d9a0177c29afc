package io.celestialnexus.app.node;

import io.celestialnexus.engine.support.EngineClock;
import io.celestialnexus.engine.task.Task;
import io.celestialnexus.persistence.StorageCheck;
import io.celestialnexus.persistence.StorageSchema;
import io.celestialnexus.persistence.StorageStart;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
  private final PrometheusMeterRegistry registry;
  private final StateRefs state;

  private NexusNode(ActorSystem<Void> system, InetSocketAddress apiAddress, PrometheusMeterRegistry registry, StateRefs state) {
    this.system = system;
    this.apiAddress = apiAddress;
    this.registry = registry;
    this.state = state;
  }

  /**
   * Starts the node and returns once the api listener is bound; fails (with everything released) if it cannot.
   * The storage is prepared first: an H2 schema is created, a PostgreSQL one checked (missing: StartupFailed naming
   * {@code nexus db init}); an unreachable database does not stop the start (storage shows DOWN until it is back).
   */
  public static NexusNode start(NodeSettings settings, List<Task> tasks, String version)
      throws IOException, NodeLock.HeldElsewhere, StartupFailed {
    NodeLock lock = NodeLock.acquire(settings.engine().paths().dataDir());
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
    NodeMetrics metrics = new NodeMetrics();
    var apiBound = new CompletableFuture<InetSocketAddress>();
    var state = new CompletableFuture<StateRefs>();
    ActorSystem<Void> system =
        ActorSystem.create(
            NexusGuardian.create(settings, tasks, metrics.registry(), EngineClock.system(), version, storage, state, apiBound),
            "nexus",
            settings.actorSystemConfig());
    system.getWhenTerminated().thenRun(metrics::close);
    system.getWhenTerminated().thenRun(() -> closeQuietly(lock));
    try {
      InetSocketAddress address = apiBound.get(60, TimeUnit.SECONDS);
      LOG.info(
          "nexus {} up: health http://{}:{}/health, status /status, metrics /metrics, data {}",
          version,
          address.getHostString(),
          address.getPort(),
          settings.engine().paths().dataDir());
      return new NexusNode(system, address, metrics.registry(), state.getNow(null));
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      system.terminate();
      awaitQuietly(system.getWhenTerminated());
      var listener = settings.http().api();
      throw new StartupFailed("cannot listen on " + listener.host() + ":" + listener.port() + ": " + cause.getMessage(), cause);
    }
  }

  public InetSocketAddress apiAddress() {
    return apiAddress;
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

  public CompletionStage<Done> whenTerminated() {
    return system.getWhenTerminated();
  }

  /** Runs the graceful stop (unbind, drain, final status) and waits for it. */
  @Override
  public void close() {
    CoordinatedShutdown.get(system).run(CoordinatedShutdown.unknownReason());
    awaitQuietly(system.getWhenTerminated());
  }

  /** The node could not start (typically: its port is taken). */
  public static final class StartupFailed extends Exception {
    public StartupFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static void awaitQuietly(CompletionStage<Done> stage) {
    try {
      stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
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
