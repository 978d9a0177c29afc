package io.celestialnexus.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.persistence.backup.BackupFileException;
import io.celestialnexus.persistence.backup.BackupManifest;
import io.celestialnexus.persistence.backup.BackupReader;
import io.celestialnexus.persistence.backup.BackupRestore;
import io.celestialnexus.persistence.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Backups of the journal tables on both databases: every row comes back byte for byte in another store of either
 * kind, the journal's numbering goes on after the restored events, and damaged files or a store in use are refused
 * before anything is written.
 */
class JournalBackupsTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"h2, h2", "h2, postgres", "postgres, h2", "postgres, postgres"})
  void everyRowComesBackInAnotherStoreAndTheJournalNumbersOn(String from, String to) throws Exception {
    Path file = dir.resolve("journal.jsonl.gz");
    try (TestDatabase source = TestDatabase.of(from, dir.resolve("source")).withSchema();
        TestDatabase target = TestDatabase.of(to, dir.resolve("target"))) {
      fill(source, 300);
      BackupManifest written;
      try (OutputStream out = Files.newOutputStream(file)) {
        written = JournalBackups.backup(source.settings(), "test", CLOCK, out);
      }
      assertEquals(300, written.rows("event_journal"));
      assertEquals(300, written.rows("event_tag"));
      assertEquals(2, written.rows("snapshot"));
      assertEquals(from, written.source());

      BackupManifest restored = JournalBackups.restore(target.settings(), file);

      assertEquals(written, restored);
      assertEquals(dump(source), dump(target));
      // the next event the plugin stores is numbered after the restored ones
      try (Connection connection = target.connect();
          Statement statement = connection.createStatement()) {
        statement.execute(
            "INSERT INTO event_journal (persistence_id, sequence_number, deleted, writer, write_timestamp, adapter_manifest,"
                + " event_ser_id, event_ser_manifest, event_payload) VALUES ('after|1', 1, false, 'w', 1, '', 1, 'm', X'01')"
                    .replace("X'01'", to.equals("postgres") ? "'\\x01'" : "X'01'"));
        try (ResultSet next = statement.executeQuery("SELECT ordering FROM event_journal WHERE persistence_id = 'after|1'")) {
          next.next();
          assertEquals(301, next.getLong(1));
        }
      }
    }
  }

  @Test
  void aDamagedTruncatedOrForeignFileIsRefusedBeforeAnythingIsWritten() throws Exception {
    try (TestDatabase source = TestDatabase.h2(dir.resolve("source")).withSchema();
        TestDatabase target = TestDatabase.h2(dir.resolve("target"))) {
      fill(source, 50);
      ByteArrayOutputStream backup = new ByteArrayOutputStream();
      JournalBackups.backup(source.settings(), "test", CLOCK, backup);
      List<String> lines = new String(new GZIPInputStream(new ByteArrayInputStream(backup.toByteArray())).readAllBytes(),
          StandardCharsets.UTF_8).lines().toList();

      List<String> changed = new ArrayList<>(lines);
      changed.set(10, changed.get(10).replace("\"writer\":\"w\"", "\"writer\":\"x\""));
      assertRefused(target, gzip(changed), "checksum mismatch");
      assertRefused(target, gzip(lines.subList(0, lines.size() - 1)), "has no manifest");
      List<String> dropped = new ArrayList<>(lines);
      dropped.remove(5);
      assertRefused(target, gzip(dropped), "the manifest counts 50 rows of event_journal but the file holds 49");
      byte[] cut = Arrays.copyOf(backup.toByteArray(), backup.size() / 2);
      assertRefused(target, cut, "truncated");
      assertRefused(target, "issue,date\n".getBytes(StandardCharsets.UTF_8), "not a nexus backup");
      assertRefused(target, gzip(List.of("{\"kind\":\"nexus-journal-backup\",\"format\":9}")), "backup format 9");

      assertEquals(List.of(), dump(target.withSchema()), "nothing was written");
    }
  }

  @Test
  void aStoreThatHoldsEventsIsNotRestoredInto() throws Exception {
    try (TestDatabase source = TestDatabase.h2(dir.resolve("source")).withSchema()) {
      fill(source, 5);
      Path file = dir.resolve("b.jsonl.gz");
      try (OutputStream out = Files.newOutputStream(file)) {
        JournalBackups.backup(source.settings(), "test", CLOCK, out);
      }
      var refused = assertThrows(BackupRestore.NotEmpty.class, () -> JournalBackups.restore(source.settings(), file));
      assertTrue(refused.getMessage().contains("event_journal has 5 rows"), refused.getMessage());
      assertEquals(5, BackupReader.verify(file).rows("event_journal"));
    }
  }

  private void assertRefused(TestDatabase target, byte[] content, String because) throws Exception {
    Path file = Files.write(dir.resolve("bad-" + System.nanoTime() + ".gz"), content);
    var refused = assertThrows(BackupFileException.class, () -> JournalBackups.restore(target.settings(), file));
    assertTrue(refused.getMessage().contains(because), refused.getMessage());
  }

  private static byte[] gzip(List<String> lines) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      for (String line : lines) {
        gzip.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toByteArray();
  }

  /** {@code events} events over three entities, each tagged, and two snapshots, with binary payloads and nulls. */
  private static void fill(TestDatabase db, int events) throws Exception {
    try (Connection connection = db.connect()) {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO event_journal (persistence_id, sequence_number, deleted, writer, write_timestamp, adapter_manifest,"
                  + " event_ser_id, event_ser_manifest, event_payload, meta_ser_id, meta_ser_manifest, meta_payload)"
                  + " VALUES (?, ?, ?, 'w', ?, '', 33, ?, ?, NULL, NULL, NULL)")) {
        for (int n = 1; n <= events; n++) {
          insert.setString(1, "entity|" + (n % 3));
          insert.setLong(2, n);
          insert.setBoolean(3, n % 17 == 0);
          insert.setLong(4, 1_700_000_000_000L + n);
          insert.setString(5, "Event#" + (n % 2 + 1));
          insert.setBytes(6, new byte[] {(byte) n, 0, (byte) 0xFF, 10, 13});
          insert.executeUpdate();
        }
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("INSERT INTO event_tag (event_id, tag) SELECT ordering, 'ssq' FROM event_journal");
        for (int s = 1; s <= 2; s++) {
          statement.execute(
              "INSERT INTO snapshot (persistence_id, sequence_number, created, snapshot_ser_id, snapshot_ser_manifest,"
                  + " snapshot_payload) VALUES ('entity|" + s + "', " + (s * 100) + ", 1700000000000, 33, 'State', "
                  + (db.kind().equals("postgres") ? "'\\x0a0b0c'" : "X'0a0b0c'") + ")");
        }
      }
    }
  }

  /** Every row of the three tables as text, in a stable order. */
  private static List<String> dump(TestDatabase db) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement()) {
      for (String query :
          List.of(
              "SELECT * FROM event_journal ORDER BY ordering", "SELECT * FROM event_tag ORDER BY event_id, tag",
              "SELECT * FROM snapshot ORDER BY persistence_id, sequence_number")) {
        try (ResultSet result = statement.executeQuery(query)) {
          while (result.next()) {
            // columns by name, since H2 and PostgreSQL order them differently
            List<String> columns = new ArrayList<>();
            for (int c = 1; c <= result.getMetaData().getColumnCount(); c++) {
              String name = result.getMetaData().getColumnName(c).toLowerCase(Locale.ROOT);
              columns.add(name + "=" + text(result, c));
            }
            columns.sort(null);
            rows.add(String.join(" ", columns));
          }
        }
      }
    }
    rows.sort(null);
    return rows;
  }

  /** A value as text; H2 answers BLOBs as Blob objects and PostgreSQL BYTEA as byte[]: both as their bytes. */
  private static String text(ResultSet result, int column) throws Exception {
    Object value = result.getObject(column);
    return value instanceof byte[] || value instanceof Blob ? Arrays.toString(result.getBytes(column)) : String.valueOf(value);
  }
}
