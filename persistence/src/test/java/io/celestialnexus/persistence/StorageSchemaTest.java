package io.celestialnexus.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.persistence.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped DDL on both databases: applied twice without error, checked, and reported when missing. */
class StorageSchemaTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void schemaAppliesTwiceAndIsThenPresent(String kind) throws Exception {
    try (TestDatabase db = TestDatabase.of(kind, dir)) {
      StorageSettings settings = db.settings();
      assertEquals(StorageSchema.TABLES, StorageSchema.apply(settings));
      assertEquals(StorageSchema.TABLES, StorageSchema.apply(settings), "re-runnable");
      assertTrue(StorageSchema.missingTables(settings, Duration.ofSeconds(5)).isEmpty());
      StorageCheck.Result check = StorageCheck.run(settings, Duration.ofSeconds(5));
      assertTrue(check.up(), check.detail());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void aMissingSchemaIsOneMessageNamingDbInit(String kind) throws Exception {
    try (TestDatabase db = TestDatabase.of(kind, dir)) {
      db.withSchema();
      db.execute(kind.equals("h2") ? "DROP TABLE \"snapshot\"" : "DROP TABLE snapshot");
      StorageSchema.Missing missing =
          assertThrows(StorageSchema.Missing.class, () -> StorageSchema.requirePresent(db.settings(), Duration.ofSeconds(5)));
      assertTrue(missing.getMessage().contains("no table snapshot"), missing.getMessage());
      assertTrue(missing.getMessage().endsWith("run `nexus db init` to create it"), missing.getMessage());
      StorageCheck.Result check = StorageCheck.run(db.settings(), Duration.ofSeconds(5));
      assertFalse(check.up());
      assertTrue(check.detail().contains("nexus db init"), check.detail());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void startCreatesTheH2SchemaButOnlyChecksPostgres(String kind) throws Exception {
    try (TestDatabase db = TestDatabase.of(kind, dir)) {
      if (kind.equals("h2")) {
        assertTrue(StorageStart.prepare(db.settings()).up());
        assertTrue(StorageSchema.missingTables(db.settings(), Duration.ofSeconds(5)).isEmpty());
      } else {
        StorageSchema.Missing missing = assertThrows(StorageSchema.Missing.class, () -> StorageStart.prepare(db.settings()));
        assertTrue(missing.getMessage().contains("nexus db init"), missing.getMessage());
      }
    }
  }

  @org.junit.jupiter.api.Test
  void anUnreachableDatabaseIsDownWithTheReason() throws Exception {
    // a port nothing listens on: closed right after it was found free
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    StorageSettings settings = TestDatabase.settings(TestDatabase.postgresConfig("nowhere", port));
    StorageCheck.Result check = StorageCheck.run(settings, Duration.ofSeconds(2));
    assertFalse(check.up());
    assertTrue(check.detail().contains("unreachable"), check.detail());
    assertFalse(StorageStart.prepare(settings).up(), "an unreachable database does not stop the start");
  }
}
