package io.celestialnexus.persistence.backup;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.persistence.StorageKind;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Restores a backup into an empty store, in one transaction: the file is read through once to check it (nothing is
 * written from a damaged file), then its rows are inserted as they were, journal order included, and the journal's
 * ordering sequence is moved past the restored events. A store that holds anything is refused. Any store restores
 * any backup: H2 to PostgreSQL is the migration path.
 */
public final class BackupRestore {

  private static final int BATCH = 500;

  /** The store already holds events or snapshots: a restore would mix two histories. */
  public static final class NotEmpty extends Exception {
    NotEmpty(String message) {
      super(message);
    }
  }

  private BackupRestore() {}

  public static BackupManifest restore(Path file, Connection connection, StorageKind target)
      throws IOException, BackupFileException, SQLException, NotEmpty {
    BackupReader.verify(file);
    requireEmpty(connection);
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    Map<String, Insert> inserts = new HashMap<>();
    try {
      for (JournalTables.Table table : JournalTables.ALL) {
        inserts.put(table.name(), new Insert(table, connection.prepareStatement(table.insert())));
      }
      BackupManifest manifest = BackupReader.read(file, (table, row) -> inserts.get(table).add(row));
      for (JournalTables.Table table : JournalTables.ALL) {
        inserts.get(table.name()).flush();
      }
      continueOrdering(connection, target);
      connection.commit();
      return manifest;
    } catch (IOException | BackupFileException | SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      for (Insert insert : inserts.values()) {
        insert.statement().close();
      }
      connection.setAutoCommit(autoCommit);
    }
  }

  private static void requireEmpty(Connection connection) throws SQLException, NotEmpty {
    for (String table : new String[] {JournalTables.EVENTS, JournalTables.SNAPSHOTS}) {
      try (Statement statement = connection.createStatement();
          ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
        count.next();
        if (count.getLong(1) > 0) {
          throw new NotEmpty(
              "the store is not empty (" + table + " has " + count.getLong(1) + " rows): restore only into a new store");
        }
      }
    }
  }

  /** The next event the node persists is numbered after the restored ones. */
  private static void continueOrdering(Connection connection, StorageKind target) throws SQLException {
    long max;
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT COALESCE(MAX(ordering), 0) FROM " + JournalTables.EVENTS)) {
      result.next();
      max = result.getLong(1);
    }
    if (max == 0) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      if (target == StorageKind.POSTGRES) {
        statement.execute("SELECT setval(pg_get_serial_sequence('" + JournalTables.EVENTS + "', 'ordering'), " + max + ", true)");
      } else {
        statement.execute("ALTER TABLE " + JournalTables.EVENTS + " ALTER COLUMN ordering RESTART WITH " + (max + 1));
      }
    }
  }

  /** One table's batched insert. */
  private record Insert(JournalTables.Table table, PreparedStatement statement, int[] pending) {

    Insert(JournalTables.Table table, PreparedStatement statement) {
      this(table, statement, new int[1]);
    }

    void add(JsonNode row) throws SQLException {
      for (int i = 0; i < table.columns().size(); i++) {
        JournalTables.Column column = table.columns().get(i);
        JsonNode value = row.get(column.name());
        if (value == null || value.isNull()) {
          statement.setNull(i + 1, column.type().sqlType);
          continue;
        }
        switch (column.type()) {
          case TEXT -> statement.setString(i + 1, value.asText());
          case INT -> statement.setInt(i + 1, value.asInt());
          case LONG -> statement.setLong(i + 1, value.asLong());
          case BOOL -> statement.setBoolean(i + 1, value.asBoolean());
          case BYTES -> statement.setBytes(i + 1, binary(value));
        }
      }
      statement.addBatch();
      if (++pending[0] == BATCH) {
        flush();
      }
    }

    void flush() throws SQLException {
      if (pending[0] > 0) {
        statement.executeBatch();
        pending[0] = 0;
      }
    }

    private static byte[] binary(JsonNode value) {
      try {
        return value.binaryValue();
      } catch (IOException e) {
        throw new IllegalArgumentException("a payload is not base64: " + e.getMessage(), e);
      }
    }
  }
}
