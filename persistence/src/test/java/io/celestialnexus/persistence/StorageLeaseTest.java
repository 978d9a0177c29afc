package io.celestialnexus.persistence;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.persistence.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per journal: the lease refuses a second node, naming the first, and notices when it was taken away. */
class StorageLeaseTest {

  @TempDir Path dir;

  @Test
  void aSecondNodeOnTheSameDatabaseIsRefusedNamingTheFirstUntilTheFirstLetsGo() throws Exception {
    try (TestDatabase db = TestDatabase.postgres().withSchema()) {
      StorageLease first = StorageLease.take(db.settings(), "node-a pid 11 /srv/a");
      assertInstanceOf(StorageLease.Holding.class, first.check());

      var refused = assertThrows(StorageLease.Held.class, () -> StorageLease.take(db.settings(), "node-b pid 12 /srv/b"));
      assertTrue(refused.getMessage().contains("node-a pid 11 /srv/a"), refused.getMessage());
      assertTrue(refused.getMessage().contains("stop it first"), refused.getMessage());

      first.close();
      try (StorageLease second = StorageLease.take(db.settings(), "node-b pid 12 /srv/b")) {
        assertInstanceOf(StorageLease.Holding.class, second.check());
      }
    }
  }

  @Test
  void aNodeWhoseSessionEndedTakesTheLeaseAgainUnlessAnotherNodeHasIt() throws Exception {
    try (TestDatabase db = TestDatabase.postgres().withSchema();
        StorageLease lease = StorageLease.take(db.settings(), "node-a")) {
      endLeaseSessions(db);
      assertInstanceOf(StorageLease.Holding.class, lease.check(), "nobody took it: taken again");

      endLeaseSessions(db);
      try (StorageLease other = StorageLease.take(db.settings(), "node-b")) {
        var lost = assertInstanceOf(StorageLease.Lost.class, lease.check());
        assertTrue(lost.holder().contains("node-b"), lost.holder());
        assertInstanceOf(StorageLease.Holding.class, other.check());
      }
    }
  }

  @Test
  void anEmbeddedDatabaseNeedsNoLease() throws Exception {
    try (TestDatabase db = TestDatabase.h2(dir).withSchema();
        StorageLease lease = StorageLease.take(db.settings(), "node-a")) {
      assertInstanceOf(StorageLease.Holding.class, lease.check());
      assertInstanceOf(StorageLease.Holding.class, StorageLease.take(db.settings(), "node-b").check());
    }
  }

  /** What a database restart or a cut network does to the lease: its session ends. */
  private static void endLeaseSessions(TestDatabase db) throws Exception {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'nexus lease %' AND datname = current_database()");
    }
  }
}
