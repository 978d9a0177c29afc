package io.celestialnexus.app.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.app.CommandLineRun;
import io.celestialnexus.app.node.NexusNode;
import io.celestialnexus.app.node.NodeConfig;
import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.app.node.TaskCatalog;
import io.celestialnexus.engine.ssq.state.StrategyWeights;
import io.celestialnexus.engine.ssq.state.WeightsVersion;
import io.celestialnexus.persistence.testing.TcpProxy;
import io.celestialnexus.persistence.testing.TestDatabase;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node on PostgreSQL, reached through a TCP proxy the test can cut: a missing schema stops the start naming
 * {@code nexus db init}, which creates it; an outage shows as storage DOWN (health FAIL, /health/ready 503), the
 * weights entity backs off and comes back by itself when the database does, and no acknowledged event is lost.
 */
class PostgresNodeTest {

  @TempDir Path dir;

  private static int freePort() throws Exception {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private String conf(TestDatabase db, int dbPort, int apiPort) throws Exception {
    return Files.writeString(
            dir.resolve("nexus.conf"),
            "nexus.data.dir = \"" + dir.resolve("data") + "\"\n"
                + "nexus.logs.dir = \"" + dir.resolve("logs") + "\"\n"
                + "nexus.http.api.port = " + apiPort + "\n"
                + "nexus.storage { kind = postgres, postgres { url = \"jdbc:postgresql://127.0.0.1:" + dbPort + "/" + db.name()
                + "\", user = postgres, password = \"\" }, connect-timeout = 1s, health { interval = 200ms, timeout = 1s } }\n"
                + "nexus.engine.state.journal-backoff { min-backoff = 100ms, max-backoff = 1s }\n"
                + "nexus.engine.state.import-bundled-history = false\n")
        .toString();
  }

  private static NodeSettings settings(String conf) {
    return NodeSettings.fromConfig(NodeConfig.load(Optional.of(Path.of(conf))));
  }

  private static CompletionStage<StatusReply<WeightsVersion>> tune(NexusNode node, double frequency) {
    return AskPattern.ask(
        node.state().weights(),
        replyTo -> new StrategyWeights.TuneWeights(Map.of("frequency", frequency, "uniform", 1.0), Map.of("learningRate", 0.1), replyTo),
        Duration.ofSeconds(3),
        node.system().scheduler());
  }

  @Test
  void schemaFromDbInitThenAnOutageIsReportedRiddenOutAndLosesNothing() throws Exception {
    try (TestDatabase db = TestDatabase.postgres();
        TcpProxy proxy = new TcpProxy(TestDatabase.PG_HOST, TestDatabase.PG_PORT)) {
      int apiPort = freePort();
      String conf = conf(db, proxy.port(), apiPort);

      NexusNode.StartupFailed missing = assertThrows(NexusNode.StartupFailed.class, () -> NexusNode.start(settings(conf), List.of(), "test"));
      assertTrue(missing.getMessage().contains("run `nexus db init`"), missing.getMessage());
      CommandLineRun init = CommandLineRun.of("db", "init", "--config", conf);
      assertEquals(0, init.exitCode(), init.err());
      assertTrue(init.out().contains("schema ready in postgres jdbc:postgresql://127.0.0.1:" + proxy.port()), init.out());
      assertEquals(0, CommandLineRun.of("db", "init", "--config", conf).exitCode(), "re-runnable");

      NodeSettings settings = settings(conf);
      NexusNode node = NexusNode.start(settings, TaskCatalog.tasks(settings), "test");
      try {
        NodeHttp http = new NodeHttp(apiPort);
        TestProbe<Object> probe = TestProbe.create(node.system());
        List<WeightsVersion> acknowledged = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
          acknowledged.add(tune(node, i).toCompletableFuture().get(10, TimeUnit.SECONDS).getValue());
        }
        probe.awaitAssert(Duration.ofSeconds(30), () -> {
          assertEquals(200, http.get("/health/ready").statusCode());
          return null;
        });

        proxy.cut();
        probe.awaitAssert(Duration.ofSeconds(30), () -> {
          HttpResponse<String> ready = http.get("/health/ready");
          assertEquals(503, ready.statusCode());
          assertTrue(ready.body().contains("\"name\":\"storage\""), ready.body());
          JsonNode health = http.json("/health");
          assertEquals("FAIL", health.get("health").asText());
          return null;
        });
        // a write during the outage is not acknowledged (the entity fails and backs off)
        assertTrue(tune(node, 99).toCompletableFuture().handle((ok, failure) -> failure != null || ok.isError()).get(10, TimeUnit.SECONDS));

        proxy.restore();
        probe.awaitAssert(Duration.ofSeconds(30), () -> {
          assertEquals(200, http.get("/health/ready").statusCode());
          return null;
        });
        WeightsVersion after =
            probe.awaitAssert(Duration.ofSeconds(30), () -> tune(node, 6).toCompletableFuture().get(5, TimeUnit.SECONDS).getValue());

        StrategyWeights.WeightsHistory history =
            AskPattern.<StrategyWeights.Command, StrategyWeights.WeightsHistory>ask(
                    node.state().weights(), r -> new StrategyWeights.GetHistory(0, 100, r), Duration.ofSeconds(5), node.system().scheduler())
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        for (WeightsVersion version : acknowledged) {
          assertEquals(version, history.versions().get(version.version()), "acknowledged version " + version.version() + " kept");
        }
        assertEquals(after, history.versions().get(history.latest()));
      } finally {
        node.close();
      }
    }
  }
}
