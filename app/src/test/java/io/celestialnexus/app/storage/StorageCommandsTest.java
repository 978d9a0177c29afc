package io.celestialnexus.app.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.app.CommandLineRun;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Storage configuration and `db init` as an operator meets them on the command line. */
class StorageCommandsTest {

  @TempDir Path dir;

  private String conf(String storage) throws Exception {
    return Files.writeString(dir.resolve("nexus.conf"), "nexus.data.dir = \"" + dir.resolve("data") + "\"\n" + storage).toString();
  }

  @Test
  void anUnknownStorageKindExitsTwoNamingTheKey() throws Exception {
    CommandLineRun run = CommandLineRun.of("start", "--config", conf("nexus.storage.kind = mysql\n"));
    assertEquals(2, run.exitCode());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertTrue(run.err().contains("nexus.storage.kind"), run.err());
    assertTrue(run.err().contains("must be one of [h2, postgres], was 'mysql'"), run.err());
  }

  @Test
  void printConfigMasksTheDatabasePassword() throws Exception {
    CommandLineRun run = CommandLineRun.of("print-config", "--config", conf("nexus.storage.postgres.password = \"db-secret-1\"\n"));
    assertEquals(0, run.exitCode(), run.err());
    assertFalse(run.out().contains("db-secret-1"));
  }

  @Test
  void dbInitCreatesTheEmbeddedSchemaAndSaysSoAgain() throws Exception {
    String conf = conf("");
    CommandLineRun first = CommandLineRun.of("db", "init", "--config", conf);
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(first.out().contains("schema ready in h2 " + dir.resolve("data/journal/nexus.mv.db")), first.out());
    assertEquals(0, CommandLineRun.of("db", "init", "--config", conf).exitCode());
  }

  @Test
  void dbInitAgainstAnUnreachableDatabaseExitsOneWithTheReason() throws Exception {
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    CommandLineRun run =
        CommandLineRun.of(
            "db", "init", "--config",
            conf("nexus.storage { kind = postgres, postgres.url = \"jdbc:postgresql://127.0.0.1:" + port + "/nexus\" }\n"));
    assertEquals(1, run.exitCode());
    assertTrue(run.err().startsWith("nexus: cannot apply the schema to postgres jdbc:postgresql://127.0.0.1:" + port + "/nexus"), run.err());
  }
}
