package io.celestialnexus.bench;

import io.celestialnexus.app.node.NexusNode;
import io.celestialnexus.app.node.NodeConfig;
import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.app.node.TaskCatalog;
import io.celestialnexus.engine.ssq.state.StrategyWeights;
import io.celestialnexus.engine.ssq.state.WeightsVersion;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * The service the crash-safety benchmark kills: a full node ({@code NexusNode}, as {@code nexus start} runs it) plus
 * a load driver that tunes the live weights continuously, one command at a time, appending every acknowledgement
 * (version and weights) to a file and forcing it to disk before the next command. On start, before driving, it
 * checks what the last incarnation left: every acknowledged version must be in the recovered history with the
 * same weights, and the recovered history must equal a replay of every event in the journal (read back with the
 * read journal, bypassing snapshots). One result line per start goes to the results file.
 *
 * <p>Usage: {@code CrashSafetyService CONF ACKS RESULTS [verify-only]}
 */
public final class CrashSafetyService {

  private static final Duration ASK = Duration.ofSeconds(60);

  public static void main(String[] args) throws Exception {
    Path conf = Path.of(args[0]);
    Path acks = Path.of(args[1]);
    Path results = Path.of(args[2]);
    boolean verifyOnly = args.length > 3;
    NodeSettings settings = NodeSettings.fromConfig(NodeConfig.load(Optional.of(conf)));
    NexusNode node = NexusNode.start(settings, TaskCatalog.tasks(settings), "crash-safety");
    var system = node.system();
    var weights = node.state().weights();

    StrategyWeights.WeightsHistory history =
        AskPattern.<StrategyWeights.Command, StrategyWeights.WeightsHistory>ask(
                weights, r -> new StrategyWeights.GetHistory(0, Integer.MAX_VALUE, r), ASK, system.scheduler())
            .toCompletableFuture()
            .get(5, TimeUnit.MINUTES);
    List<String> acknowledged = Files.exists(acks) ? Files.readAllLines(acks, StandardCharsets.US_ASCII) : List.of();
    int lost = 0;
    int lastAcked = 0;
    for (String line : acknowledged) {
      String[] parts = line.split(" ", 2);
      if (parts.length < 2) {
        continue; // a line cut by the kill was never complete, so never acknowledged
      }
      int version = Integer.parseInt(parts[0]);
      lastAcked = Math.max(lastAcked, version);
      if (version >= history.versions().size() || !encode(history.versions().get(version).weights()).equals(parts[1])) {
        lost++;
      }
    }
    int replayMismatches = replayMismatches(node, history);
    int unacknowledgedButStored = Math.max(0, history.latest() - lastAcked);
    String result =
        String.format(
            "acknowledged=%d lost=%d replay-mismatches=%d stored-unacknowledged=%d latest=%d%n",
            acknowledged.size(), lost, replayMismatches, unacknowledgedButStored, history.latest());
    Files.writeString(results, result, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
    System.out.print("VERIFIED " + result);
    if (verifyOnly) {
      node.close();
      System.exit(0);
    }
    System.out.println("DRIVING");
    System.out.flush();
    drive(node, acks);
  }

  /** Tunes forever, one command at a time, each acknowledgement on disk before the next command. */
  private static void drive(NexusNode node, Path acks) throws Exception {
    var random = new Random();
    try (FileChannel out = FileChannel.open(acks, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      while (true) {
        Map<String, Double> proposed = new TreeMap<>();
        for (String strategy : List.of("uniform", "frequency", "gap", "markov", "xiaoliuren", "liuyao", "meihua", "qimen")) {
          proposed.put(strategy, 0.05 + random.nextDouble());
        }
        StatusReply<WeightsVersion> reply =
            AskPattern.<StrategyWeights.Command, StatusReply<WeightsVersion>>ask(
                    node.state().weights(),
                    r -> new StrategyWeights.TuneWeights(proposed, Map.of("learningRate", 0.1, "window", 100.0), r),
                    ASK,
                    node.system().scheduler())
                .toCompletableFuture()
                .get(2, TimeUnit.MINUTES);
        WeightsVersion stored = reply.getValue();
        out.write(ByteBuffer.wrap((stored.version() + " " + encode(stored.weights()) + "\n").getBytes(StandardCharsets.US_ASCII)));
        out.force(false);
      }
    }
  }

  /** Versions whose weights differ from a replay of the journal's events from the first (no snapshot). */
  private static int replayMismatches(NexusNode node, StrategyWeights.WeightsHistory history) throws Exception {
    JdbcReadJournal journal = PersistenceQuery.get(node.system()).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    List<EventEnvelope> events =
        journal
            .currentEventsByPersistenceId(StrategyWeights.ENTITY_TYPE + "|" + StrategyWeights.LIVE, 0L, Long.MAX_VALUE)
            .runWith(Sink.seq(), node.system())
            .toCompletableFuture()
            .get(5, TimeUnit.MINUTES);
    int mismatches = Math.abs(events.size() - history.latest());
    for (EventEnvelope envelope : events) {
      int version = (int) envelope.sequenceNr();
      if (envelope.event() instanceof StrategyWeights.WeightsTuned tuned
          && (version >= history.versions().size() || !history.versions().get(version).weights().equals(tuned.weights()))) {
        mismatches++;
      }
    }
    return mismatches;
  }

  /** Weights in name order, each exactly (Double.toString round-trips). */
  static String encode(Map<String, Double> weights) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(weights).forEach((name, weight) -> text.append(name).append('=').append(weight).append(','));
    return text.toString();
  }

  private CrashSafetyService() {}

}
