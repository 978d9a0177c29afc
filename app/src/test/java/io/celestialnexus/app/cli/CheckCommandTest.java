package io.celestialnexus.app.cli;

import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.app.CommandLineRun;
import io.celestialnexus.app.node.NexusNode;
import io.celestialnexus.app.node.NodeConfig;
import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.engine.supervision.BackoffSettings;
import io.celestialnexus.engine.task.Task;
import io.celestialnexus.engine.testing.ScriptedTask;
import io.celestialnexus.engine.testing.TestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nexus check} against a real node's /status, then against the file it left behind. */
class CheckCommandTest {

  @TempDir Path dir;

  private static Task steady() {
    return new ScriptedTask("steady", TestSettings.every(ofSeconds(30)), (n, context) -> Map.of("round", n));
  }

  /** Fails on every step; with flap-limit 1 its second failure makes it FLAPPING, otherwise it waits an hour in BACKOFF. */
  private static Task failing(int flapLimit) {
    var backoff = new BackoffSettings(ofHours(1), ofHours(2), 0.2, ofHours(1), flapLimit, ofHours(1));
    return new ScriptedTask(
        "failing",
        TestSettings.with(TestSettings.every(ofMinutes(10)), backoff),
        (n, context) -> {
          throw new IllegalStateException("broken on purpose");
        });
  }

  private Path nodeConfig(int port) throws IOException {
    return Files.writeString(
        dir.resolve("nexus-" + port + ".conf"),
        "nexus.data.dir = \"" + dir.resolve("data") + "\"\nnexus.logs.dir = \"" + dir.resolve("logs")
            + "\"\nnexus.http.api.port = " + port + "\n");
  }

  private NexusNode start(List<Task> tasks) throws Exception {
    NodeSettings settings = NodeSettings.fromConfig(NodeConfig.load(Optional.of(nodeConfig(0))));
    return NexusNode.start(settings, tasks, "test");
  }

  private CommandLineRun checkUntil(NexusNode node, Predicate<CommandLineRun> condition) throws IOException {
    String config = nodeConfig(node.apiAddress().getPort()).toString();
    TestProbe<Object> probe = ActorTestKit.create(node.system()).createTestProbe();
    return probe.awaitAssert(
        ofSeconds(10),
        () -> {
          CommandLineRun run = CommandLineRun.of("check", "--config", config);
          assertTrue(condition.test(run), run.out() + run.err());
          return run;
        });
  }

  @Test
  void exitsZeroWhenEveryTaskRuns() throws Exception {
    try (NexusNode node = start(List.of(steady()))) {
      CommandLineRun run = checkUntil(node, r -> r.exitCode() == 0);
      assertTrue(run.out().contains("PASS  steady"), run.out());
      assertTrue(run.out().contains("overall: PASS"), run.out());
    }
  }

  @Test
  void exitsOneWhileATaskIsInBackoff() throws Exception {
    try (NexusNode node = start(List.of(steady(), failing(10)))) {
      CommandLineRun run = checkUntil(node, r -> r.exitCode() == 1);
      assertTrue(run.out().contains("WARN  failing"), run.out());
      assertTrue(run.out().contains("BACKOFF"), run.out());
      assertTrue(run.out().contains("broken on purpose"), run.out());
    }
  }

  @Test
  void exitsTwoWhenATaskIsFlapping() throws Exception {
    try (NexusNode node = start(List.of(steady(), failing(1)))) {
      CommandLineRun run = checkUntil(node, r -> r.exitCode() == 2);
      assertTrue(run.out().contains("FAIL  failing"), run.out());
      assertTrue(run.out().contains("FLAPPING"), run.out());
    }
  }

  @Test
  void readsTheStatusFileWhenTheServiceIsDownAndFailsWhenItIsStale() throws Exception {
    int port;
    try (NexusNode node = start(List.of(steady()))) {
      port = node.apiAddress().getPort();
    }
    String config = nodeConfig(port).toString();
    CommandLineRun recent = CommandLineRun.of("check", "--config", config);
    assertTrue(recent.out().startsWith("service not answering at http://127.0.0.1:" + port), recent.out());
    assertTrue(recent.out().contains("STOPPED"), recent.out());
    assertEquals(1, recent.exitCode(), recent.out());

    Path statusFile = dir.resolve("data/reports/status.json");
    Files.setLastModifiedTime(statusFile, FileTime.from(Instant.now().minus(ofMinutes(3))));
    CommandLineRun stale = CommandLineRun.of("check", "--config", config);
    assertEquals(2, stale.exitCode(), stale.out());
    assertTrue(stale.out().contains("older than 2 minutes"), stale.out());
  }

  @Test
  void failsWithNoServiceAndNoStatusFile() throws IOException {
    CommandLineRun run = CommandLineRun.of("check", "--config", nodeConfig(1).toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.out().contains("no status file"), run.out());
  }

  @Test
  void statusPrintsATableAndTheRawDocumentWithJson() throws Exception {
    try (NexusNode node = start(List.of(steady()))) {
      checkUntil(node, r -> r.exitCode() == 0);
      String config = nodeConfig(node.apiAddress().getPort()).toString();
      CommandLineRun table = CommandLineRun.of("status", "--config", config);
      assertEquals(0, table.exitCode());
      assertTrue(table.out().contains("TASK"), table.out());
      assertTrue(table.out().lines().anyMatch(line -> line.startsWith("steady") && line.contains("RUNNING")), table.out());
      CommandLineRun json = CommandLineRun.of("status", "--json", "--config", config);
      assertTrue(json.out().contains("\"tasks\""), json.out());
    }
  }
}
