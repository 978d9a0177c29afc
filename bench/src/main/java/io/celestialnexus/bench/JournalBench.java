package io.celestialnexus.bench;

import io.celestialnexus.engine.ssq.state.StateSettings;
import io.celestialnexus.engine.ssq.state.StrategyWeights;
import io.celestialnexus.engine.ssq.state.WeightsVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;

/**
 * Journal throughput: weights-tuned events persisted per second through the real entity (StrategyWeights on
 * pekko-persistence-jdbc), on H2 and on PostgreSQL. What it measures: {@code ENTITIES} entities write at once,
 * each sequentially (a command, then wait for its acknowledgement, then the next: the way the tuner uses it),
 * snapshots every 100 events included; the plugin batches concurrent writes into shared transactions. Beside it,
 * in the same run and on the same PostgreSQL, pgbench's rate of single-row inserts (one row per transaction, as
 * many clients as our connection pool) into a table shaped like the journal. Also printed, not a target: one
 * entity alone.
 */
public final class JournalBench {

  private static final int ENTITIES = Integer.getInteger("journal.entities", 512);
  private static final int EVENTS = 48_000;
  private static final int WARMUP_EVENTS_PER_ENTITY = 30;
  private static final int SINGLE_EVENTS = 2_000;
  private static final int PGBENCH_SECONDS = 15;
  private static final Duration ASK = Duration.ofSeconds(60);
  private static final StateSettings STATE = new StateSettings(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2);

  public static void main(String[] args) throws Exception {
    Path dir = Bench.scratch("journal");
    BenchStorage.noteLoad("at start");
    double h2Single;
    double h2;
    try (BenchStorage storage = BenchStorage.h2(dir)) {
      h2Single = measure(storage, 1, SINGLE_EVENTS);
      h2 = measure(storage, ENTITIES, EVENTS);
    }
    double pgSingle;
    double pg;
    double pgbench;
    int pgbenchClients;
    try (BenchStorage storage = BenchStorage.postgres("journal")) {
      pgSingle = measure(storage, 1, SINGLE_EVENTS);
      pg = measure(storage, ENTITIES, EVENTS);
      pgbenchClients = storage.settings().poolSize();
      pgbench = pgbench(dir, storage.database(), pgbenchClients);
    }
    Bench.note("one entity alone (ack before next): H2 %.0f events/s, PostgreSQL %.0f events/s", h2Single, pgSingle);
    Bench.note("%d entities at once, each ack before next: H2 %.0f events/s, PostgreSQL %.0f events/s", ENTITIES, h2, pg);
    Bench.note("pgbench, %d clients, one single-row INSERT per transaction: %.0f tx/s", pgbenchClients, pgbench);
    Bench.result("journal.h2", h2, "events/s");
    Bench.result("journal.postgres", pg, "events/s");
    Bench.result("journal.postgres.peer", pgbench, "inserts/s");
    Bench.result("journal.postgres.ratio", pg / pgbench, "x");
    Bench.result("journal.h2.single-entity", h2Single, "events/s");
    Bench.result("journal.postgres.single-entity", pgSingle, "events/s");
    BenchStorage.noteLoad("at the end");
    System.exit(0);
  }

  /** Events per second with {@code entities} writing {@code events} in all, each waiting for its acks. */
  static double measure(BenchStorage storage, int entities, int events) throws Exception {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "journal-bench", storage.actorSystemConfig(""));
    try {
      String run = Long.toString(System.nanoTime(), 36);
      List<ActorRef<StrategyWeights.Command>> refs = new ArrayList<>();
      for (int i = 0; i < entities; i++) {
        refs.add(system.systemActorOf(StrategyWeights.create("bench-" + run + "-" + i, STATE, Clock.systemUTC()), "weights-" + i,
            org.apache.pekko.actor.typed.Props.empty()));
      }
      runAll(system, refs, WARMUP_EVENTS_PER_ENTITY);
      int perEntity = events / entities;
      long start = System.nanoTime();
      runAll(system, refs, perEntity);
      double seconds = (System.nanoTime() - start) / 1e9;
      return perEntity * (double) entities / seconds;
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  private static void runAll(ActorSystem<Void> system, List<ActorRef<StrategyWeights.Command>> refs, int each) throws Exception {
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (ActorRef<StrategyWeights.Command> ref : refs) {
      all.add(sequentially(system, ref, 0, each).toCompletableFuture());
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
  }

  private static CompletionStage<Void> sequentially(ActorSystem<Void> system, ActorRef<StrategyWeights.Command> ref, int done, int total) {
    if (done == total) {
      return CompletableFuture.completedFuture(null);
    }
    double round = done + 1;
    return AskPattern.<StrategyWeights.Command, StatusReply<WeightsVersion>>ask(
            ref,
            replyTo -> new StrategyWeights.TuneWeights(weights(round), Map.of("learningRate", 0.1, "round", round), replyTo),
            ASK,
            system.scheduler())
        .thenCompose(
            reply -> {
              if (reply.isError()) {
                throw new IllegalStateException(reply.getError());
              }
              return sequentially(system, ref, done + 1, total);
            });
  }

  /** A realistic weighting: nine strategies. */
  static Map<String, Double> weights(double round) {
    return Map.of(
        "uniform", 1.0, "frequency", 1.0 + round % 7, "gap", 1.0 + round % 5, "markov", 1.5, "xiaoliuren", 0.5,
        "liuyao", 0.5, "meihua", 0.5, "qimen", 0.5, "fusion-bias", 0.25);
  }

  /** pgbench: single-row inserts, one per transaction, {@code clients} clients, into a journal-shaped table. */
  private static double pgbench(Path dir, String database, int clients) throws IOException, InterruptedException, java.sql.SQLException {
    try (var connection =
            java.sql.DriverManager.getConnection(
                "jdbc:postgresql://" + BenchStorage.PG_HOST + ":" + BenchStorage.PG_PORT + "/" + database, BenchStorage.PG_USER, "");
        var statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE pgbench_journal (ordering BIGSERIAL, persistence_id VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL,"
              + " writer VARCHAR(255) NOT NULL, write_timestamp BIGINT, event_ser_id INTEGER NOT NULL,"
              + " event_ser_manifest VARCHAR(255) NOT NULL, event_payload BYTEA NOT NULL, PRIMARY KEY (persistence_id, sequence_number))");
    }
    // a payload of the size our CBOR weights-tuned event has (about 300 bytes)
    String payload = "\\x" + "a5".repeat(300);
    Path script =
        Files.writeString(
            dir.resolve("pgbench-insert.sql"),
            "\\set seq random(1, 1000000000000)\n"
                + "INSERT INTO pgbench_journal (persistence_id, sequence_number, writer, write_timestamp, event_ser_id, event_ser_manifest,"
                + " event_payload) VALUES ('pgbench|' || :client_id, :seq, 'w', 0, 33, 'm', '" + payload + "');\n");
    Process pgbench =
        new ProcessBuilder(
                "pgbench", "-n", "-h", BenchStorage.PG_HOST, "-p", Integer.toString(BenchStorage.PG_PORT), "-U", BenchStorage.PG_USER,
                "-c", Integer.toString(clients), "-j", "2", "-T", Integer.toString(PGBENCH_SECONDS), "-M", "prepared", "-f", script.toString(),
                database)
            .redirectErrorStream(true)
            .start();
    String output = new String(pgbench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    pgbench.waitFor(PGBENCH_SECONDS + 60L, TimeUnit.SECONDS);
    Files.writeString(dir.resolve("pgbench.out"), output);
    Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(output);
    if (pgbench.exitValue() != 0 || !tps.find()) {
      throw new IllegalStateException("pgbench failed (install Debian postgresql-contrib): " + output);
    }
    return Double.parseDouble(tps.group(1));
  }
}
