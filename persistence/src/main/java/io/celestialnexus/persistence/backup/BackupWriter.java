package io.celestialnexus.persistence.backup;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.celestialnexus.persistence.StorageKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the journal, its tags and the snapshots as gzip-compressed JSON lines: a header line, one line per row
 * ({@code {"table": ..., "row": {...}}}, payloads in base64), and the {@link BackupManifest} as the last line. All
 * tables are read in one read-only transaction at REPEATABLE READ, which on both H2 (MVStore) and PostgreSQL is a
 * snapshot: a node that keeps writing meanwhile yields a backup of one moment, never half of a write.
 */
public final class BackupWriter {

  static final String HEADER_KIND = "nexus-journal-backup";
  private static final int FETCH_SIZE = 500;
  private static final JsonFactory JSON = new JsonFactory();

  private BackupWriter() {}

  /** Writes the backup of the store behind {@code connection} to {@code out} (closed when done). */
  public static BackupManifest write(Connection connection, StorageKind source, String nexusVersion, Clock clock, OutputStream out)
      throws SQLException, IOException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false); // PostgreSQL streams a result set (fetch size) only inside a transaction
    connection.setReadOnly(true);
    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16)) {
      MessageDigest digest = sha256();
      Lines lines = new Lines(gzip, digest);
      lines.write(generator -> {
        generator.writeStartObject();
        generator.writeStringField("kind", HEADER_KIND);
        generator.writeNumberField("format", BackupManifest.FORMAT);
        generator.writeEndObject();
      });
      Map<String, Long> rows = new LinkedHashMap<>();
      for (JournalTables.Table table : JournalTables.ALL) {
        rows.put(table.name(), copy(connection, table, lines));
      }
      connection.commit();
      BackupManifest manifest =
          new BackupManifest(
              BackupManifest.FORMAT, nexusVersion, source.configName(), clock.instant(), rows, HexFormat.of().formatHex(digest.digest()));
      lines.writeUnhashed(generator -> BackupJson.writeManifest(generator, manifest));
      return manifest;
    } catch (SQLException | IOException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setReadOnly(false);
      connection.setAutoCommit(autoCommit);
    }
  }

  private static long copy(Connection connection, JournalTables.Table table, Lines lines) throws SQLException, IOException {
    long count = 0;
    try (Statement statement = connection.createStatement()) {
      statement.setFetchSize(FETCH_SIZE);
      try (ResultSet rows = statement.executeQuery(table.select())) {
        while (rows.next()) {
          lines.write(generator -> writeRow(generator, table, rows));
          count++;
        }
      }
    }
    return count;
  }

  private static void writeRow(JsonGenerator generator, JournalTables.Table table, ResultSet rows) throws IOException {
    try {
      generator.writeStartObject();
      generator.writeStringField("table", table.name());
      generator.writeObjectFieldStart("row");
      for (int i = 0; i < table.columns().size(); i++) {
        JournalTables.Column column = table.columns().get(i);
        generator.writeFieldName(column.name());
        switch (column.type()) {
          case TEXT -> nullable(generator, rows.getString(i + 1));
          case INT, LONG -> {
            long value = rows.getLong(i + 1);
            if (rows.wasNull()) {
              generator.writeNull();
            } else {
              generator.writeNumber(value);
            }
          }
          case BOOL -> generator.writeBoolean(rows.getBoolean(i + 1));
          case BYTES -> {
            byte[] value = rows.getBytes(i + 1);
            if (value == null) {
              generator.writeNull();
            } else {
              generator.writeBinary(value);
            }
          }
        }
      }
      generator.writeEndObject();
      generator.writeEndObject();
    } catch (SQLException e) {
      throw new IOException("reading " + table.name() + ": " + e.getMessage(), e);
    }
  }

  private static void nullable(JsonGenerator generator, String value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else {
      generator.writeString(value);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @FunctionalInterface
  interface LineContent {
    void writeTo(JsonGenerator generator) throws IOException;
  }

  /** One JSON document per line, each line added to the digest (but the manifest's). */
  private static final class Lines {
    private final OutputStream out;
    private final MessageDigest digest;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(8192);

    Lines(OutputStream out, MessageDigest digest) {
      this.out = out;
      this.digest = digest;
    }

    void write(LineContent content) throws IOException {
      byte[] bytes = render(content);
      digest.update(bytes);
      out.write(bytes);
    }

    void writeUnhashed(LineContent content) throws IOException {
      out.write(render(content));
    }

    private byte[] render(LineContent content) throws IOException {
      line.reset();
      try (JsonGenerator generator = JSON.createGenerator(line, JsonEncoding.UTF8)) {
        content.writeTo(generator);
      }
      line.write('\n');
      return line.toByteArray();
    }
  }
}
