package io.celestialnexus.bench;

import io.celestialnexus.engine.ssq.state.StateSettings;
import io.celestialnexus.engine.ssq.state.StrategyWeights;
import io.celestialnexus.engine.ssq.state.WeightsVersion;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;

/**
 * Recovery: the live-weights entity with 100,000 weights-tuned events and its snapshots, from spawning it (in a
 * fresh actor system, so the journal's connection pool starts too) to its first answer; median of 5 starts, on
 * H2 and on PostgreSQL. Setup: 99,900 events are written to the journal table in batches, serialized exactly as
 * the plugin writes them (a full replay of those is measured once, beside); the entity then persists the last
 * 100 itself, which makes its snapshot at sequence number 100,000 as in normal running.
 */
public final class RecoveryBench {

  private static final int EVENTS = 100_000;
  private static final int BY_ENTITY = 100;
  private static final int STARTS = 5;
  private static final StateSettings STATE = new StateSettings(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2);
  private static final Duration ASK = Duration.ofSeconds(120);

  public static void main(String[] args) throws Exception {
    var dir = Bench.scratch("recovery");
    BenchStorage.noteLoad("at start");
    double[] h2;
    double[] pg;
    try (BenchStorage storage = BenchStorage.h2(dir)) {
      h2 = run(storage);
    }
    try (BenchStorage storage = BenchStorage.postgres("recovery")) {
      pg = run(storage);
    }
    Bench.result("recovery.h2", h2[0], "ms");
    Bench.result("recovery.h2.max", h2[1], "ms");
    Bench.result("recovery.h2.full-replay", h2[2], "ms");
    Bench.result("recovery.postgres", pg[0], "ms");
    Bench.result("recovery.postgres.max", pg[1], "ms");
    Bench.result("recovery.postgres.full-replay", pg[2], "ms");
    BenchStorage.noteLoad("at the end");
    System.exit(0);
  }

  /** {median, max, full replay without snapshot} in milliseconds. */
  private static double[] run(BenchStorage storage) throws Exception {
    String id = "recovery-" + Long.toString(System.nanoTime(), 36);
    String persistenceId = StrategyWeights.ENTITY_TYPE + "|" + id;
    writeEvents(storage, persistenceId, EVENTS - BY_ENTITY);

    double fullReplay = startAndAsk(storage, id, EVENTS - BY_ENTITY);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "recovery-setup", storage.actorSystemConfig(""));
    try {
      var weights = system.systemActorOf(StrategyWeights.create(id, STATE, Clock.systemUTC()), "weights", Props.empty());
      for (int i = 0; i < BY_ENTITY; i++) {
        double round = EVENTS - BY_ENTITY + i + 1;
        StatusReply<WeightsVersion> reply =
            AskPattern.<StrategyWeights.Command, StatusReply<WeightsVersion>>ask(
                    weights, r -> new StrategyWeights.TuneWeights(JournalBench.weights(round), Map.of("round", round), r), ASK, system.scheduler())
                .toCompletableFuture()
                .get(2, TimeUnit.MINUTES);
        if (reply.isError()) {
          throw new IllegalStateException(reply.getError());
        }
      }
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
    double[] starts = new double[STARTS];
    double[] empty = new double[STARTS];
    for (int i = 0; i < STARTS; i++) {
      starts[i] = startAndAsk(storage, id, EVENTS);
      empty[i] = startAndAsk(storage, "empty-" + System.nanoTime(), 0);
      Bench.note("%s start %d: answered after %.0f ms (an entity with no events: %.0f ms)", storage.kind(), i + 1, starts[i], empty[i]);
    }
    Bench.note("%s: full replay of %d events without a snapshot %.0f ms", storage.kind(), EVENTS - BY_ENTITY, fullReplay);
    return new double[] {Bench.percentile(starts, 50), Bench.percentile(starts, 100), fullReplay};
  }

  /** Milliseconds from spawning the entity in a new actor system to its answer, which must show {@code version}. */
  private static double startAndAsk(BenchStorage storage, String id, int version) throws Exception {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "recovery", storage.actorSystemConfig(""));
    try {
      long start = System.nanoTime();
      ActorRef<StrategyWeights.Command> weights =
          system.systemActorOf(StrategyWeights.create(id, STATE, Clock.systemUTC()), "weights", Props.empty());
      WeightsVersion current =
          AskPattern.<StrategyWeights.Command, WeightsVersion>ask(weights, StrategyWeights.GetWeights::new, ASK, system.scheduler())
              .toCompletableFuture()
              .get(5, TimeUnit.MINUTES);
      double millis = (System.nanoTime() - start) / 1e6;
      if (current.version() != version) {
        throw new IllegalStateException("recovered version " + current.version() + ", expected " + version);
      }
      return millis;
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  /** Writes {@code count} weights-tuned events as the plugin would (same serializer, manifest, columns), in batches. */
  private static void writeEvents(BenchStorage storage, String persistenceId, int count) throws Exception {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "recovery-writer", storage.actorSystemConfig(""));
    try (Connection connection = DriverManager.getConnection(storage.settings().url(), storage.settings().user(), storage.settings().password())) {
      Serialization serialization = SerializationExtension.get(system);
      connection.setAutoCommit(false);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO event_journal (persistence_id, sequence_number, deleted, writer, write_timestamp, adapter_manifest, event_ser_id,"
                  + " event_ser_manifest, event_payload) VALUES (?, ?, false, 'recovery-bench', ?, '', ?, ?, ?)")) {
        Instant at = Instant.now();
        for (int n = 1; n <= count; n++) {
          var event = new StrategyWeights.WeightsTuned(JournalBench.weights(n), Map.of("round", (double) n), at);
          Serializer serializer = serialization.findSerializerFor(event);
          insert.setString(1, persistenceId);
          insert.setLong(2, n);
          insert.setLong(3, System.currentTimeMillis());
          insert.setInt(4, serializer.identifier());
          insert.setString(5, Serializers.manifestFor(serializer, event));
          insert.setBytes(6, serializer.toBinary(event));
          insert.addBatch();
          if (n % 1000 == 0 || n == count) {
            insert.executeBatch();
            connection.commit();
          }
        }
      }
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }
}
