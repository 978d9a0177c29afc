package io.celestialnexus.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.celestialnexus.persistence.StorageSchema;
import io.celestialnexus.persistence.StorageSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A journal database for one benchmark run: an H2 file under the scratch directory, or a fresh database on the
 * machine's PostgreSQL (127.0.0.1:5432, user postgres) dropped by {@link #close()}. The schema is applied.
 */
final class BenchStorage implements AutoCloseable {

  static final String PG_HOST = "127.0.0.1";
  static final int PG_PORT = 5432;
  static final String PG_USER = "postgres";

  private final String kind;
  private final String database;
  private final Config storageConfig;
  private final StorageSettings settings;

  private BenchStorage(String kind, String database, Config storageConfig) throws SQLException {
    this.kind = kind;
    this.database = database;
    this.storageConfig = storageConfig;
    this.settings = StorageSettings.fromConfig(storageConfig.withFallback(ConfigFactory.parseString("nexus.data.dir = \".\"")).withFallback(ConfigFactory.load()).resolve());
    StorageSchema.apply(settings);
  }

  static BenchStorage h2(Path dir) throws SQLException {
    return new BenchStorage(
        "h2", dir.toString(), ConfigFactory.parseString("nexus.storage.kind = h2\nnexus.storage.h2.file = \"" + dir.resolve("journal/bench") + "\"\n"));
  }

  static BenchStorage postgres(String label) throws SQLException {
    String database = "nexus_bench_" + label.replace('-', '_') + "_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    admin("CREATE DATABASE " + database);
    return new BenchStorage("postgres", database, postgresConfig(database));
  }

  static Config postgresConfig(String database) {
    return ConfigFactory.parseString(
        "nexus.storage.kind = postgres\nnexus.storage.postgres.url = \"jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + database
            + "\"\nnexus.storage.postgres.user = " + PG_USER + "\nnexus.storage.postgres.password = \"\"\n");
  }

  String kind() {
    return kind;
  }

  String database() {
    return database;
  }

  StorageSettings settings() {
    return settings;
  }

  /** The {@code nexus.storage} keys selecting this database (for a node's config file or environment). */
  Config storageConfig() {
    return storageConfig;
  }

  /** An actor system's config with the journal and snapshot store on this database. */
  Config actorSystemConfig(String overrides) {
    return ConfigFactory.parseString(overrides)
        .withFallback(settings.pluginConfig())
        .withFallback(
            ConfigFactory.parseString(
                "pekko.persistence.journal.plugin = \"jdbc-journal\"\npekko.persistence.snapshot-store.plugin = \"jdbc-snapshot-store\"\n"
                    + "pekko.loglevel = WARNING\n"))
        .withFallback(ConfigFactory.parseResources("nexus-persistence.conf"))
        .withFallback(ConfigFactory.load())
        .resolve();
  }

  @Override
  public void close() throws SQLException {
    if (kind.equals("postgres")) {
      admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  /** The 1/5/15-minute load averages, printed beside figures taken on a machine shared with other work. */
  static void noteLoad(String when) {
    try {
      Bench.note("load average %s: %s (2 cores)", when, java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip());
    } catch (java.io.IOException e) {
      Bench.note("load average %s: unknown", when);
    }
  }

  static void admin(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/postgres", PG_USER, "");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
