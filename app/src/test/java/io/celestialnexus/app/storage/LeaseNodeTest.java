package io.celestialnexus.app.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.app.CommandLineRun;
import io.celestialnexus.app.node.LeaseLost;
import io.celestialnexus.app.node.NexusNode;
import io.celestialnexus.app.node.NodeConfig;
import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.persistence.testing.TestDatabase;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per shared journal: a second node on the same PostgreSQL database is refused naming the first, a command
 * writing directly too, and a node whose lease another node took stops itself.
 */
class LeaseNodeTest {

  @TempDir Path dir;

  private String conf(String name, TestDatabase db) throws Exception {
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return Files.writeString(
            dir.resolve(name + ".conf"),
            "nexus.data.dir = \"" + dir.resolve(name + "-data") + "\"\n"
                + "nexus.logs.dir = \"" + dir.resolve(name + "-logs") + "\"\n"
                + "nexus.http.api.port = " + port + "\n"
                + "nexus.engine.state.import-bundled-history = false\n"
                + "nexus.engine.ssq.enabled = false\n"
                + "nexus.storage { kind = postgres, postgres { url = \"jdbc:postgresql://" + TestDatabase.PG_HOST + ":"
                + TestDatabase.PG_PORT + "/" + db.name() + "\", user = " + TestDatabase.PG_USER + ", password = \"\" },"
                + " health { interval = 200ms, timeout = 2s } }\n")
        .toString();
  }

  private static NodeSettings settings(String conf) {
    return NodeSettings.fromConfig(NodeConfig.load(Optional.of(Path.of(conf))));
  }

  @Test
  void aSecondNodeIsRefusedNamingTheFirstAndANodeWhoseLeaseWasTakenStopsItself() throws Exception {
    try (TestDatabase db = TestDatabase.postgres().withSchema()) {
      NexusNode first = NexusNode.start(settings(conf("a", db)), List.of(), "test");
      try {
        var refused = assertThrows(NexusNode.StartupFailed.class, () -> NexusNode.start(settings(conf("b", db)), List.of(), "test"));
        assertTrue(refused.getMessage().contains("pid " + ProcessHandle.current().pid()), refused.getMessage());
        assertTrue(refused.getMessage().contains("a-data"), refused.getMessage());

        CommandLineRun direct =
            CommandLineRun.of("draws", "add", "--config", conf("c", db), "2026204", "2026-12-08", "3", "6", "9", "12", "15", "18", "4");
        assertEquals(1, direct.exitCode(), direct.out() + direct.err());
        assertTrue(direct.err().contains("another nexus writes to"), direct.err());

        // the first node's session ends (a database restart, a cut network) and another writer takes the lease
        try (Connection other = db.connect();
            Statement statement = other.createStatement()) {
          statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'nexus lease %'"
              + " AND datname = current_database()");
          statement.execute("SELECT pg_advisory_lock(" + 0x6e6578757300L + ")");
          first.whenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
          assertEquals(Optional.of(LeaseLost.INSTANCE), CoordinatedShutdown.get(first.system()).getShutdownReason());
        }
      } finally {
        first.close();
      }
    }
  }
}
