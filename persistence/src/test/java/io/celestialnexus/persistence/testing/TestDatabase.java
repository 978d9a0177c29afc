package io.celestialnexus.persistence.testing;

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
import org.junit.jupiter.api.Assumptions;

/**
 * A database of its own for one test class: a fresh H2 file in a temp directory, or a uniquely named database
 * on the machine's PostgreSQL (127.0.0.1:5432, user postgres, trust auth) that {@link #close()} drops. Without a
 * reachable PostgreSQL the test is skipped, unless NEXUS_REQUIRE_POSTGRES=1 (CI) makes that a failure.
 */
public final class TestDatabase implements AutoCloseable {

  public static final String PG_HOST = "127.0.0.1";
  public static final int PG_PORT = 5432;
  public static final String PG_USER = "postgres";
  private static final String ADMIN_URL = "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/postgres";

  private final String kind;
  private final String name;
  private final Config storageConfig;

  private TestDatabase(String kind, String name, Config storageConfig) {
    this.kind = kind;
    this.name = name;
    this.storageConfig = storageConfig;
  }

  /** An H2 database file under {@code dir} (the schema is not yet applied). */
  public static TestDatabase h2(Path dir) {
    Config config =
        ConfigFactory.parseString(
            "nexus.storage.kind = h2\nnexus.storage.h2.file = \"" + dir.resolve("journal/test").toAbsolutePath() + "\"\n");
    return new TestDatabase("h2", dir.toString(), config);
  }

  /** A new, empty PostgreSQL database (the schema is not yet applied). */
  public static TestDatabase postgres() {
    requirePostgres();
    String name = "nexus_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    admin("CREATE DATABASE " + name);
    return new TestDatabase("postgres", name, postgresConfig(name, PG_PORT));
  }

  /** {@code kind} is "h2" or "postgres". */
  public static TestDatabase of(String kind, Path dir) {
    return kind.equals("h2") ? h2(dir) : postgres();
  }

  /** Storage config for database {@code name} reached through {@code port} (e.g. a test's TCP proxy). */
  public static Config postgresConfig(String name, int port) {
    return ConfigFactory.parseString(
        "nexus.storage.kind = postgres\n"
            + "nexus.storage.postgres.url = \"jdbc:postgresql://" + PG_HOST + ":" + port + "/" + name + "\"\n"
            + "nexus.storage.postgres.user = " + PG_USER + "\n"
            + "nexus.storage.postgres.password = \"\"\n");
  }

  public String kind() {
    return kind;
  }

  /** The PostgreSQL database name (or the H2 directory). */
  public String name() {
    return name;
  }

  /** The {@code nexus.storage} keys that select this database. */
  public Config storageConfig() {
    return storageConfig;
  }

  /** Storage settings over the shipped defaults, with short timeouts so tests see outages quickly. */
  public StorageSettings settings() {
    return settings(storageConfig);
  }

  public static StorageSettings settings(Config storage) {
    return StorageSettings.fromConfig(
        storage
            .withFallback(
                ConfigFactory.parseString(
                    "nexus.storage.connect-timeout = 1s\nnexus.storage.health.interval = 200ms\nnexus.storage.health.timeout = 1s\n"
                        + "nexus.data.dir = \".\"\n"))
            .withFallback(ConfigFactory.load())
            .resolve());
  }

  /** Creates the schema, as {@code nexus db init} does. */
  public TestDatabase withSchema() {
    try {
      StorageSchema.apply(settings());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the schema in " + settings().describe(), e);
    }
    return this;
  }

  /** Config for an actor system whose journal and snapshot store are this database. */
  public Config actorSystemConfig(String overrides) {
    return journalConfig(settings(), overrides);
  }

  /** The plugin selection app's application.conf makes, the shared pool, then the test's overrides. */
  public static Config journalConfig(StorageSettings settings, String overrides) {
    return ConfigFactory.parseString(overrides)
        .withFallback(settings.pluginConfig())
        .withFallback(
            ConfigFactory.parseString(
                "pekko.persistence.journal.plugin = \"jdbc-journal\"\n"
                    + "pekko.persistence.snapshot-store.plugin = \"jdbc-snapshot-store\"\n"))
        .withFallback(ConfigFactory.parseResources("nexus-persistence.conf"))
        .withFallback(ConfigFactory.load())
        .resolve();
  }

  /** Runs one statement in this database (PostgreSQL) or H2 file. */
  public void execute(String sql) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** A plain JDBC connection to this database; the caller closes it. */
  public Connection connect() throws SQLException {
    StorageSettings settings = settings();
    return DriverManager.getConnection(settings.url(), settings.user(), settings.password());
  }

  @Override
  public void close() {
    if (kind.equals("postgres")) {
      admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  private static void requirePostgres() {
    try (Connection connection = DriverManager.getConnection(ADMIN_URL, PG_USER, "")) {
      connection.isValid(5);
    } catch (SQLException e) {
      if ("1".equals(System.getenv("NEXUS_REQUIRE_POSTGRES"))) {
        throw new AssertionError("PostgreSQL is required (NEXUS_REQUIRE_POSTGRES=1) but " + ADMIN_URL + " is unreachable", e);
      }
      Assumptions.abort("PostgreSQL not reachable at " + ADMIN_URL + ": " + e.getMessage());
    }
  }

  private static void admin(String sql) {
    try (Connection connection = DriverManager.getConnection(ADMIN_URL, PG_USER, "");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
