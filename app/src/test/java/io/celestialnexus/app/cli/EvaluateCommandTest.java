package io.celestialnexus.app.cli;

import io.celestialnexus.app.node.DirectStorage;
import io.celestialnexus.app.node.NodeConfig;
import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.engine.ssq.loop.LoopStore;
import io.celestialnexus.engine.ssq.loop.SsqLoop;
import io.celestialnexus.engine.ssq.state.DrawHistory;
import io.celestialnexus.engine.ssq.strategy.StrategyCatalog;
import io.celestialnexus.engine.support.EngineClock;
import io.celestialnexus.engine.task.TaskContext;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.app.CommandLineRun;
import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.DrawCsv;
import io.celestialnexus.engine.status.StatusJson;
import io.celestialnexus.engine.testing.SyntheticDraws;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

  @TempDir Path dir;

  private Path csv(String name, List<Draw> draws) throws IOException {
    String rows =
        draws.stream()
            .map(d -> d.issue() + "," + d.date() + "," + d.reds().stream().map(String::valueOf).collect(Collectors.joining(",")) + "," + d.blue())
            .collect(Collectors.joining("\n"));
    return Files.writeString(dir.resolve(name), String.join(",", DrawCsv.HEADER) + "\n" + rows + "\n");
  }

  private String dataDirConfig() throws IOException {
    return Files.writeString(dir.resolve("nexus.conf"), "nexus.data.dir = \"" + dir.resolve("data") + "\"\n").toString();
  }

  @Test
  void aHistoryFileIsEvaluatedOfflineAsJson() throws IOException {
    Path history = csv("fair.csv", SyntheticDraws.fair(200, 4));
    CommandLineRun run = CommandLineRun.of("evaluate", "--history", history.toString(), "--format", "json", "--config", dataDirConfig());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode report = StatusJson.mapper().readTree(run.out());
    assertEquals("fair.csv", report.path("source").asText());
    assertEquals(200, report.path("draws").asInt());
    assertEquals(9, report.path("rows").size(), "eight strategies and the fusion");
    assertEquals(36 / 33.0, report.path("baseline").path("expectedRedHits").asDouble(), 1e-12);
    assertFalse(report.path("skillClaimed").asBoolean(), report.path("verdict").asText());
    assertFalse(Files.exists(dir.resolve("data")), "an offline evaluation writes nothing to the node's data dir");
  }

  @Test
  void markdownIsTheDefaultAndAWindowReportsOnTheLatestDraws() throws IOException {
    Path history = csv("fair.csv", SyntheticDraws.fair(120, 5));
    CommandLineRun run = CommandLineRun.of("evaluate", "--history", history.toString(), "--window", "40");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("# SSQ evaluation: fair.csv"), run.out());
    assertTrue(run.out().contains("Walk-forward over 40 draws"), run.out());
    assertTrue(run.out().contains("**Verdict:** No evidence of skill"), run.out());
  }

  @Test
  void badRowsAreEachNamedAndNothingIsEvaluated() throws IOException {
    Path history =
        Files.writeString(
            dir.resolve("bad.csv"),
            "issue,date,r1,r2,r3,r4,r5,r6,blue\n2026001,2026-01-01,1,2,3,4,5,34,1\n2026002,2026-01-03,1,2,3,4,5,6,1\n2026003,2026-01-06,1,1,3,4,5,6,1\n");
    CommandLineRun run = CommandLineRun.of("evaluate", "--history", history.toString());
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("bad.csv: line 2: red 34 outside 1..33"), run.err());
    assertTrue(run.err().contains("bad.csv: line 4: red 1 repeated"), run.err());
    assertTrue(run.err().contains("2 bad row(s); nothing was evaluated"), run.err());
    assertEquals("", run.out());
  }

  @Test
  void withoutAHistoryTheLiveLogIsReadFromTheStorageWhenTheServiceIsDown() throws Exception {
    String config = liveConfig();
    CommandLineRun empty = CommandLineRun.of("evaluate", "--config", config);
    assertEquals(1, empty.exitCode(), empty.err());
    assertTrue(empty.err().contains("read from the storage directly"), empty.err());
    assertTrue(empty.err().contains("0 reviewed draw(s), fewer than 2"), empty.err());
    assertTrue(empty.err().contains("--history FILE"), empty.err());

    List<Draw> draws = SyntheticDraws.fair(150, 12);
    NodeSettings settings = NodeSettings.fromConfig(NodeConfig.load(Optional.of(Path.of(config))));
    try (DirectStorage storage = DirectStorage.open(settings)) {
      var history = storage.draws();
      AskPattern.<DrawHistory.Command, DrawHistory.Recorded>ask(
              history, replyTo -> new DrawHistory.RecordDraws(draws, "test", true, replyTo), Duration.ofSeconds(30), storage.system().scheduler())
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      SsqLoop loop =
          new SsqLoop(
              StrategyCatalog.standard(settings.engine().ssq().strategies()), settings.engine().ssq(), settings.engine().paths(),
              new LoopStore(history, storage.weights(), storage.predictions(), storage.system().scheduler(), Duration.ofSeconds(30)),
              EngineClock.system(), view -> {});
      loop.cycle(TaskContext.detached(SsqLoop.CYCLE_TASK));
    }

    CommandLineRun live = CommandLineRun.of("evaluate", "--config", config, "--format", "json", "--window", "50");
    assertEquals(0, live.exitCode(), live.err());
    JsonNode report = StatusJson.mapper().readTree(live.out());
    assertEquals("live prediction log", report.path("source").asText());
    assertEquals(50, report.path("draws").asInt());
    assertEquals(draws.get(149).issue(), report.path("lastIssue").asInt());
    assertEquals(36 / 33.0, report.path("baseline").path("expectedRedHits").asDouble(), 1e-12);
    assertFalse(report.path("skillClaimed").asBoolean(), report.path("verdict").asText());
  }

  /** A data dir of its own, and an API port nothing listens on (the service is down). */
  private String liveConfig() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return Files.writeString(
            dir.resolve("live.conf"),
            "nexus.data.dir = \"" + dir.resolve("live") + "\"\nnexus.http.api.port = " + port + "\nnexus.engine.state.import-bundled-history = false\n")
        .toString();
  }

  @Test
  void usageMistakesExitTwo() throws IOException {
    Path history = csv("fair.csv", SyntheticDraws.fair(30, 6));
    CommandLineRun format = CommandLineRun.of("evaluate", "--history", history.toString(), "--format", "xml");
    assertEquals(2, format.exitCode());
    assertTrue(format.err().contains("--format must be md or json"), format.err());
    assertEquals(2, CommandLineRun.of("evaluate", "--history", history.toString(), "--window", "-3").exitCode());
    CommandLineRun missing = CommandLineRun.of("evaluate", "--history", dir.resolve("nope.csv").toString());
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().contains("no such file"), missing.err());
  }
}
