package io.celestialnexus.app.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.app.CommandLineRun;
import io.celestialnexus.app.node.NexusNode;
import io.celestialnexus.app.node.NodeConfig;
import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.app.node.TaskCatalog;
import io.celestialnexus.engine.ssq.DrawCsv;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node on its default embedded storage: the first start imports the bundled history, the draw commands go
 * through the running service's API, and with the service down they open the storage directly; a restart
 * keeps everything.
 */
class StorageNodeTest {

  private static final String KEY = "node-key";
  private static final int BUNDLED = DrawCsv.bundled().size();

  @TempDir Path dir;

  private String conf(int port) throws Exception {
    return Files.writeString(
            dir.resolve("nexus.conf"),
            "nexus.data.dir = \"" + dir.resolve("data") + "\"\n"
                + "nexus.logs.dir = \"" + dir.resolve("logs") + "\"\n"
                + "nexus.http.api.port = " + port + "\n"
                + "nexus.http.api-key = \"" + KEY + "\"\n")
        .toString();
  }

  private static int freePort() throws Exception {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static NexusNode start(String conf) throws Exception {
    NodeSettings settings = NodeSettings.fromConfig(NodeConfig.load(Optional.of(Path.of(conf))));
    return NexusNode.start(settings, TaskCatalog.tasks(settings), "test");
  }

  private static void awaitDraws(NexusNode node, NodeHttp http, int total) {
    TestProbe<Object> probe = TestProbe.create(node.system());
    probe.awaitAssert(
        Duration.ofSeconds(30),
        () -> {
          assertEquals(total, http.json("/api/draws?limit=1").get("total").asInt());
          return null;
        });
  }

  @Test
  void bundledHistoryOnFirstStartDrawCommandsThroughTheServiceOrDirectlyAndNothingLostOnRestart() throws Exception {
    int port = freePort();
    String conf = conf(port);
    NodeHttp http = new NodeHttp(port);
    Path file = Files.writeString(dir.resolve("more.csv"),
        "issue,date,r1,r2,r3,r4,r5,r6,blue\n2026201,2026-12-01,1,2,3,4,5,6,1\n2026202,2026-12-03,1,2,3,4,5,6,99\n2026203,2026-12-05,7,8,9,10,11,12,2\n");

    NexusNode node = start(conf);
    try {
      awaitDraws(node, http, BUNDLED);
      JsonNode newest = http.json("/api/draws?limit=1").get("draws").get(0);
      assertEquals(2026096, newest.get("issue").asInt());
      assertEquals("bundled", newest.get("source").asText());
      JsonNode storage = http.json("/status").get("components").get(0);
      assertEquals("storage", storage.get("name").asText());
      assertTrue(storage.get("up").asBoolean(), storage.toString());

      CommandLineRun add = CommandLineRun.of("draws", "add", "--config", conf, "2026097", "2026-08-20", "1", "5", "9", "14", "22", "30", "7");
      assertEquals(0, add.exitCode(), add.err());
      assertTrue(add.out().startsWith("via the running service at http://127.0.0.1:" + port), add.out());
      assertTrue(add.out().contains("added draw 2026097"), add.out());
      CommandLineRun conflict = CommandLineRun.of("draws", "add", "--config", conf, "2026097", "2026-08-20", "1", "5", "9", "14", "22", "31", "7");
      assertEquals(1, conflict.exitCode());
      assertTrue(conflict.err().contains("issue 2026097 is recorded as"), conflict.err());
      CommandLineRun invalid = CommandLineRun.of("draws", "add", "--config", conf, "2026098", "2026-08-22", "1", "5", "9", "14", "22", "34", "7");
      assertEquals(2, invalid.exitCode());
      assertTrue(invalid.err().contains("red 34 outside 1..33"), invalid.err());

      CommandLineRun refused = CommandLineRun.of("import-history", "--config", conf, file.toString());
      assertEquals(1, refused.exitCode(), refused.out() + refused.err());
      assertTrue(refused.out().contains("line 3: blue 99 outside 1..16"), refused.out());
      assertTrue(refused.out().contains("nothing imported"), refused.out());
      CommandLineRun imported = CommandLineRun.of("import-history", "--config", conf, "--skip-invalid", file.toString());
      assertEquals(0, imported.exitCode(), imported.out() + imported.err());
      assertTrue(imported.out().contains("3 rows: 2 added, 0 already recorded, 1 rejected"), imported.out());
      awaitDraws(node, http, BUNDLED + 3);
    } finally {
      node.close();
    }

    CommandLineRun direct = CommandLineRun.of("draws", "add", "--config", conf, "2026204", "2026-12-08", "3", "6", "9", "12", "15", "18", "4");
    assertEquals(0, direct.exitCode(), direct.out() + direct.err());
    assertTrue(direct.out().startsWith("service not running: writing to the storage directly (h2 " + dir.resolve("data")), direct.out());
    CommandLineRun again = CommandLineRun.of("import-history", "--config", conf, "--skip-invalid", file.toString());
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertTrue(again.out().contains("3 rows: 0 added, 2 already recorded, 1 rejected"), again.out());

    node = start(conf);
    try {
      awaitDraws(node, http, BUNDLED + 4);
      assertEquals("cli", http.json("/api/draws/2026204").get("source").asText());
      assertEquals("api", http.json("/api/draws/2026097").get("source").asText());
    } finally {
      node.close();
    }
  }
}
