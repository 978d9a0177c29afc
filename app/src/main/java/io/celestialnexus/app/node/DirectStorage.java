package io.celestialnexus.app.node;

import com.typesafe.config.ConfigFactory;
import io.celestialnexus.engine.ssq.state.DrawHistory;
import io.celestialnexus.engine.ssq.state.PredictionLog;
import io.celestialnexus.engine.ssq.state.StrategyWeights;
import io.celestialnexus.engine.support.EngineClock;
import io.celestialnexus.persistence.StorageCheck;
import io.celestialnexus.persistence.StorageLease;
import io.celestialnexus.persistence.StorageSchema;
import io.celestialnexus.persistence.StorageStart;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The storage opened by a command while the service is down: it takes the data-dir lock (so no node can start on
 * the same embedded database meanwhile) and the writer's lease (so that no other node writes to a shared database
 * meanwhile), prepares the schema as a start would, and runs a small actor system
 * holding only the entities the command asks. Closing it releases everything.
 */
public final class DirectStorage implements AutoCloseable {

  /** The database cannot be used now; the message says why. */
  public static final class Unavailable extends Exception {
    public Unavailable(String message) {
      super(message);
    }
  }

  private final NodeSettings settings;
  private final NodeLock lock;
  private final StorageLease lease;
  private final ActorSystem<Void> system;

  private DirectStorage(NodeSettings settings, NodeLock lock, StorageLease lease, ActorSystem<Void> system) {
    this.settings = settings;
    this.lock = lock;
    this.lease = lease;
    this.system = system;
  }

  public static DirectStorage open(NodeSettings settings) throws IOException, NodeLock.HeldElsewhere, Unavailable {
    NodeLock lock = NodeLock.acquire(settings.engine().paths().dataDir());
    try {
      StorageCheck.Result storage = StorageStart.prepare(settings.storage());
      if (!storage.up()) {
        throw new Unavailable(storage.detail());
      }
    } catch (StorageSchema.Missing e) {
      lock.close();
      throw new Unavailable(e.getMessage());
    } catch (Unavailable | RuntimeException e) {
      lock.close();
      throw e;
    }
    StorageLease lease;
    try {
      lease = StorageLease.take(settings.storage(), "nexus command, pid " + ProcessHandle.current().pid());
    } catch (StorageLease.Held e) {
      lock.close();
      throw new Unavailable(e.getMessage());
    }
    var quiet = ConfigFactory.parseString("pekko.loglevel = WARNING\npekko.stdout-loglevel = WARNING\n");
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "nexus-cli", quiet.withFallback(settings.actorSystemConfig()));
    return new DirectStorage(settings, lock, lease, system);
  }

  public ActorSystem<Void> system() {
    return system;
  }

  /** The draw history (nobody listens on its topic here: the service's cycle reads the journal when it starts). */
  public ActorRef<DrawHistory.Command> draws() {
    var topic = system.systemActorOf(DrawHistory.topic(), "draws-added", Props.empty());
    return system.systemActorOf(
        DrawHistory.create(DrawHistory.SSQ, settings.state(), EngineClock.system(), topic), "draws", Props.empty());
  }

  /** The live strategy weights, with every version and AutoRL decision. */
  public ActorRef<StrategyWeights.Command> weights() {
    return system.systemActorOf(
        StrategyWeights.create(StrategyWeights.LIVE, settings.state(), EngineClock.system()), "weights", Props.empty());
  }

  /** The SSQ prediction log. */
  public ActorRef<PredictionLog.Command> predictions() {
    return system.systemActorOf(
        PredictionLog.create(PredictionLog.SSQ, settings.state(), EngineClock.system()), "predictions", Props.empty());
  }

  /** What the command wrote to, for its output. */
  public String describe() {
    return settings.storage().describe();
  }

  @Override
  public void close() throws IOException {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the JVM is about to exit anyway; the locks below are what matters
    }
    lease.close();
    lock.close();
  }
}
