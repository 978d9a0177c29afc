package io.celestialnexus.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The journal's tables: the re-runnable DDL in {@code schema/<kind>/schema.sql}, applying it, and checking
 * that it is there. {@code nexus db init} and the H2 start-up apply it; a PostgreSQL start only checks.
 */
public final class StorageSchema {

  /** The tables the journal, tags and snapshot store need. */
  public static final List<String> TABLES = List.of("event_journal", "event_tag", "snapshot");

  private StorageSchema() {}

  /** The schema is not there; the message names the command that creates it. */
  public static final class Missing extends Exception {
    public Missing(String message) {
      super(message);
    }
  }

  /** Applies the DDL (every statement IF NOT EXISTS) and answers the tables now present. */
  public static List<String> apply(StorageSettings settings) throws SQLException {
    if (settings.kind() == StorageKind.H2) {
      createH2Directory(settings);
    }
    try (Connection connection = Jdbc.open(settings, settings.schemaTimeout());
        Statement statement = connection.createStatement()) {
      for (String sql : statements(settings.kind())) {
        statement.execute(sql);
      }
      return present(connection);
    }
  }

  /** The required tables that are missing (empty when the schema is complete). */
  public static List<String> missingTables(StorageSettings settings, Duration timeout) throws SQLException {
    try (Connection connection = Jdbc.open(settings, timeout)) {
      return missing(connection);
    }
  }

  static List<String> missing(Connection connection) throws SQLException {
    List<String> missing = new ArrayList<>(TABLES);
    missing.removeAll(present(connection));
    return missing;
  }

  /** Throws {@link Missing} naming {@code nexus db init} when a table is absent. */
  public static void requirePresent(StorageSettings settings, Duration timeout) throws SQLException, Missing {
    List<String> missing = missingTables(settings, timeout);
    if (!missing.isEmpty()) {
      throw new Missing(missingMessage(settings, missing));
    }
  }

  public static String missingMessage(StorageSettings settings, List<String> missing) {
    return "storage schema missing in " + settings.describe() + " (no table " + String.join(", ", missing)
        + "): run `nexus db init` to create it";
  }

  /** The DDL statements for {@code kind}, in order. */
  public static List<String> statements(StorageKind kind) {
    String resource = "/schema/" + kind.configName() + "/schema.sql";
    try (InputStream in = StorageSchema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      StringBuilder sql = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.strip().startsWith("--")) {
          sql.append(line).append('\n');
        }
      }
      // the scripts hold plain DDL only (no functions or quoted semicolons), so ';' ends a statement
      return Arrays.stream(sql.toString().split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> present(Connection connection) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    List<String> present = new ArrayList<>();
    for (String table : TABLES) {
      try (ResultSet tables = meta.getTables(connection.getCatalog(), connection.getSchema(), table, new String[] {"TABLE", "BASE TABLE"})) {
        if (tables.next()) {
          present.add(table);
        }
      }
    }
    return present;
  }

  private static void createH2Directory(StorageSettings settings) {
    String file = settings.url().substring("jdbc:h2:file:".length(), settings.url().indexOf(';'));
    try {
      Files.createDirectories(Path.of(file).toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
