package io.celestialnexus.app.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.app.node.NexusNode;
import io.celestialnexus.app.node.NodeConfig;
import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.app.node.TaskCatalog;
import io.celestialnexus.engine.status.StatusJson;
import io.celestialnexus.persistence.testing.TcpProxy;
import io.celestialnexus.persistence.testing.TestDatabase;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes to a node on PostgreSQL while the test cuts its database connection (a TCP proxy) and gives it back. A
 * write the journal cannot confirm is answered 202 PENDING (never 503), and {@code /health/ready} turns 200 again
 * only once writes are confirmed: the first write after it does is stored at once. The entities' journal backoff
 * (6 s) outlasts the outage here, so the database answers again (storage UP) seconds before the entities take
 * commands: the window in which readiness used to say UP while every write timed out.
 */
class WritesDuringOutageTest {

  private static final String KEY = "outage-key";

  @TempDir Path dir;

  private static int freePort() throws Exception {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String draw(int issue) {
    return "{\"issue\":" + issue + ",\"date\":\"2026-04-0" + (issue % 9 + 1) + "\",\"reds\":[3,8,13,21,27,33],\"blue\":5}";
  }

  @Test
  void writesDuringAnOutageArePendingAndReadinessWaitsForWritesToBeConfirmed() throws Exception {
    try (TestDatabase db = TestDatabase.postgres().withSchema();
        TcpProxy proxy = new TcpProxy(TestDatabase.PG_HOST, TestDatabase.PG_PORT)) {
      int apiPort = freePort();
      String conf =
          Files.writeString(
                  dir.resolve("nexus.conf"),
                  "nexus.data.dir = \"" + dir.resolve("data") + "\"\n"
                      + "nexus.logs.dir = \"" + dir.resolve("logs") + "\"\n"
                      + "nexus.http.api { port = " + apiPort + " }\n"
                      + "nexus.http.api-key = \"" + KEY + "\"\n"
                      + "nexus.engine.ask-timeout = 1s\n"
                      + "nexus.storage { kind = postgres, postgres { url = \"jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + db.name()
                      + "\", user = postgres, password = \"\" }, connect-timeout = 1s, health { interval = 200ms, timeout = 1s } }\n"
                      + "nexus.engine.state.journal-backoff { min-backoff = 6s, max-backoff = 12s, random-factor = 0 }\n"
                      + "nexus.engine.state.writes-probe { interval = 200ms, timeout = 1s }\n"
                      + "nexus.engine.state.import-bundled-history = false\n")
              .toString();
      NodeSettings settings = NodeSettings.fromConfig(NodeConfig.load(Optional.of(Path.of(conf))));
      NexusNode node = NexusNode.start(settings, TaskCatalog.tasks(settings), "test");
      try {
        NodeHttp http = new NodeHttp(apiPort);
        TestProbe<Object> probe = TestProbe.create(node.system());
        probe.awaitAssert(Duration.ofSeconds(30), () -> {
          assertEquals(200, http.get("/health/ready").statusCode());
          return null;
        });
        assertEquals(201, http.postJson("/api/draws", draw(2026041), KEY).statusCode());

        proxy.cut();
        probe.awaitAssert(Duration.ofSeconds(30), () -> {
          HttpResponse<String> ready = http.get("/health/ready");
          assertEquals(503, ready.statusCode());
          assertTrue(ready.body().contains("\"name\":\"writes\""), ready.body());
          return null;
        });
        for (int issue : new int[] {2026042, 2026043}) {
          HttpResponse<String> pending = http.postJson("/api/draws", draw(issue), KEY);
          assertEquals(202, pending.statusCode(), pending.body());
          JsonNode body = StatusJson.mapper().readTree(pending.body());
          assertEquals("PENDING", body.get("status").asText());
          assertEquals("/api/draws/" + issue, pending.headers().firstValue("Location").orElseThrow());
        }

        proxy.restore();
        // readiness comes back only when writes do: the first write once it is 200 is confirmed at once
        probe.awaitAssert(Duration.ofSeconds(60), () -> {
          assertEquals(200, http.get("/health/ready").statusCode());
          return null;
        });
        HttpResponse<String> confirmed = http.postJson("/api/draws", draw(2026045), KEY);
        assertEquals(201, confirmed.statusCode(), confirmed.body());

        // the pending ones: stored meanwhile or not, posting them again settles it, and then they are there
        for (int issue : new int[] {2026042, 2026043}) {
          int status = http.postJson("/api/draws", draw(issue), KEY).statusCode();
          assertTrue(status == 200 || status == 201, "draw " + issue + " answered " + status);
          assertEquals(200, http.get("/api/draws/" + issue).statusCode());
        }
      } finally {
        node.close();
      }
    }
  }
}
