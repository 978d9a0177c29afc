package io.celestialnexus.app.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.app.CommandLineRun;
import io.celestialnexus.app.node.DirectStorage;
import io.celestialnexus.app.node.NexusNode;
import io.celestialnexus.app.node.NodeConfig;
import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.app.node.TaskCatalog;
import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.DrawCsv;
import io.celestialnexus.engine.ssq.DrawSchedule;
import io.celestialnexus.engine.ssq.state.DrawHistory;
import io.celestialnexus.engine.ssq.state.PredictionLog;
import io.celestialnexus.engine.ssq.state.StrategyWeights;
import io.celestialnexus.engine.testing.SyntheticDraws;
import io.celestialnexus.persistence.testing.TestDatabase;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a node learned survives a backup and a restore: a node on H2 reviews a history and predicts, is backed up
 * through its API while it runs, and the file restored into a new PostgreSQL database holds the same draws, every
 * weights version and decision, and every prediction and review. The restore refuses a store in use and a damaged
 * file, and a backup of the stopped node reads the same rows.
 */
class BackupRoundTripTest {

  private static final String KEY = "backup-key";
  private static final Duration ASK = Duration.ofSeconds(30);

  @TempDir Path dir;

  /** What the three entities hold, in full. */
  private record Learned(
      List<Draw> draws, StrategyWeights.WeightsHistory weights, StrategyWeights.Decisions decisions, PredictionLog.IssueRecords log) {}

  private String conf(String name, int port, String storage) throws Exception {
    return Files.writeString(
            dir.resolve(name + ".conf"),
            "nexus.data.dir = \"" + dir.resolve(name + "-data") + "\"\n"
                + "nexus.logs.dir = \"" + dir.resolve(name + "-logs") + "\"\n"
                + "nexus.http.api.port = " + port + "\n"
                + "nexus.http.api-key = \"" + KEY + "\"\n"
                + "nexus.engine.state.import-bundled-history = false\n"
                + "nexus.engine.ssq.cycle.interval-seconds = 3600\n"
                + storage)
        .toString();
  }

  private static int freePort() throws Exception {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static NodeSettings settings(String conf) {
    return NodeSettings.fromConfig(NodeConfig.load(Optional.of(Path.of(conf))));
  }

  @Test
  void everythingLearnedComesBackFromABackupOfARunningNodeRestoredIntoPostgres() throws Exception {
    List<Draw> history = SyntheticDraws.fair(120, 31);
    String h2 = conf("h2", freePort(), "");
    Path online = dir.resolve("online.jsonl.gz");
    NodeSettings h2Settings = settings(h2);
    try (NexusNode node = NexusNode.start(h2Settings, TaskCatalog.tasks(h2Settings), "test")) {
      var http = new NodeHttp(node.apiAddress().getPort());
      var imported = http.post("/api/draws/import", "text/csv", csv(history), KEY);
      assertEquals(200, imported.statusCode(), imported.body());
      awaitPrediction(node, http, DrawSchedule.after(history.get(119)).issue());

      CommandLineRun backup = CommandLineRun.of("backup", "--config", h2, online.toString());
      assertEquals(0, backup.exitCode(), backup.out() + backup.err());
      assertTrue(backup.out().startsWith("via the running service at http://127.0.0.1:"), backup.out());
      assertTrue(backup.out().contains("online.jsonl.gz: "), backup.out());
    }
    Learned original = learned(h2Settings);
    assertEquals(120, original.draws().size());
    assertTrue(original.weights().versions().size() > 120, "a version per reviewed draw at least");

    // the stopped node, read directly, gives the same rows
    Path offline = dir.resolve("offline.jsonl.gz");
    CommandLineRun direct = CommandLineRun.of("backup", "--config", h2, offline.toString());
    assertEquals(0, direct.exitCode(), direct.out() + direct.err());
    assertTrue(direct.out().startsWith("service not running: reading the storage directly (h2 "), direct.out());
    assertEquals(eventsLine(direct.out()), eventsLine(CommandLineRun.of("backup", "--config", h2, offline.toString()).out()));

    try (TestDatabase postgres = TestDatabase.postgres();
        TestDatabase spare = TestDatabase.postgres()) {
      String pg = conf("pg", freePort(), storage(postgres));
      CommandLineRun restored = CommandLineRun.of("restore", "--config", pg, online.toString());
      assertEquals(0, restored.exitCode(), restored.out() + restored.err());
      assertTrue(restored.out().startsWith("restored "), restored.out());
      assertEquals(original, learned(settings(pg)));

      CommandLineRun again = CommandLineRun.of("restore", "--config", pg, online.toString());
      assertEquals(1, again.exitCode());
      assertTrue(again.err().contains("the store is not empty"), again.err());

      byte[] whole = Files.readAllBytes(online);
      Path cut = Files.write(dir.resolve("cut.jsonl.gz"), Arrays.copyOf(whole, whole.length - 200));
      CommandLineRun damaged = CommandLineRun.of("restore", "--config", conf("spare", freePort(), storage(spare)), cut.toString());
      assertEquals(1, damaged.exitCode());
      assertTrue(damaged.err().contains("nothing was restored"), damaged.err());
    }
  }

  private static String storage(TestDatabase db) {
    return "nexus.storage { kind = postgres, postgres { url = \"jdbc:postgresql://" + TestDatabase.PG_HOST + ":" + TestDatabase.PG_PORT
        + "/" + db.name() + "\", user = " + TestDatabase.PG_USER + ", password = \"\" } }\n";
  }

  /** "N events" from a backup's summary line. */
  private static String eventsLine(String out) {
    return out.lines().filter(line -> line.contains(" events, ")).findFirst().orElseThrow().replaceAll(" at .*", "");
  }

  private static void awaitPrediction(NexusNode node, NodeHttp http, int issue) {
    TestProbe<Object> probe = TestProbe.create(node.system());
    probe.awaitAssert(
        Duration.ofSeconds(90),
        Duration.ofMillis(200),
        () -> {
          var latest = http.json("/api/predictions/latest");
          assertEquals(issue, latest.get("issue").asInt(), latest.toString());
          return latest;
        });
  }

  /** Everything the store holds, read through the entities on a stopped node. */
  private static Learned learned(NodeSettings settings) throws Exception {
    try (DirectStorage storage = DirectStorage.open(settings)) {
      var scheduler = storage.system().scheduler();
      ActorRef<DrawHistory.Command> draws = storage.draws();
      ActorRef<StrategyWeights.Command> weights = storage.weights();
      ActorRef<PredictionLog.Command> predictions = storage.predictions();
      return new Learned(
          AskPattern.ask(draws, DrawHistory.GetAll::new, ASK, scheduler).toCompletableFuture().get(30, TimeUnit.SECONDS).draws(),
          AskPattern.<StrategyWeights.Command, StrategyWeights.WeightsHistory>ask(
                  weights, r -> new StrategyWeights.GetHistory(0, Integer.MAX_VALUE, r), ASK, scheduler)
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS),
          AskPattern.<StrategyWeights.Command, StrategyWeights.Decisions>ask(
                  weights, r -> new StrategyWeights.GetDecisions(Integer.MAX_VALUE, r), ASK, scheduler)
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS),
          AskPattern.<PredictionLog.Command, PredictionLog.IssueRecords>ask(
                  predictions, r -> new PredictionLog.GetIssues(0, Integer.MAX_VALUE, r), ASK, scheduler)
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS));
    }
  }

  private static String csv(List<Draw> draws) {
    return String.join(",", DrawCsv.HEADER) + "\n"
        + draws.stream()
            .map(d -> d.issue() + "," + d.date() + "," + d.reds().stream().map(String::valueOf).collect(Collectors.joining(",")) + "," + d.blue())
            .collect(Collectors.joining("\n"))
        + "\n";
  }
}
