package io.celestialnexus.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the journal lives, read once from {@code nexus.storage}: the kind of database, its JDBC URL and
 * credentials, the pool and the health check. Every invalid value fails here with a ConfigException naming
 * its key. {@link #pluginConfig()} turns the choice into the plugin's shared database; {@code toString} never
 * shows the password.
 */
public record StorageSettings(
    StorageKind kind,
    String url,
    String user,
    String password,
    int poolSize,
    int writeParallelism,
    Duration connectTimeout,
    Duration healthInterval,
    Duration healthTimeout,
    Duration schemaTimeout) {

  private static final String PREFIX = "nexus.storage";
  /** Options every H2 URL needs: the plugin quotes lower-case names; commits reach the file before the ack. */
  static final String H2_OPTIONS = ";DATABASE_TO_UPPER=false;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";

  public static StorageSettings fromConfig(Config root) {
    StorageKind kind = kind(root);
    String url;
    String user;
    String password;
    if (kind == StorageKind.H2) {
      Path dataDir = Path.of(root.getString("nexus.data.dir"));
      Path file = dataDir.resolve(root.getString(PREFIX + ".h2.file")).toAbsolutePath().normalize();
      url = "jdbc:h2:file:" + file + H2_OPTIONS;
      user = "sa";
      password = "";
    } else {
      url = root.getString(PREFIX + ".postgres.url");
      if (!url.startsWith("jdbc:postgresql:")) {
        throw new ConfigException.BadValue(PREFIX + ".postgres.url", "must be a jdbc:postgresql: URL, was '" + url + "'");
      }
      user = root.getString(PREFIX + ".postgres.user");
      password = root.getString(PREFIX + ".postgres.password");
    }
    int poolSize = root.getInt(PREFIX + ".pool-size");
    if (poolSize < 1) {
      throw new ConfigException.BadValue(PREFIX + ".pool-size", "must be at least 1, was " + poolSize);
    }
    String parallelismKey = PREFIX + "." + kind.configName() + ".write-parallelism";
    int writeParallelism = root.getInt(parallelismKey);
    if (writeParallelism < 1) {
      throw new ConfigException.BadValue(parallelismKey, "must be at least 1, was " + writeParallelism);
    }
    return new StorageSettings(
        kind,
        url,
        user,
        password,
        poolSize,
        writeParallelism,
        positive(root, "connect-timeout"),
        positive(root, "health.interval"),
        positive(root, "health.timeout"),
        positive(root, "schema-timeout"));
  }

  /** Settings of the same kind pointing at another database (tests, benchmarks). */
  public StorageSettings withDatabase(String otherUrl, String otherUser, String otherPassword) {
    return new StorageSettings(
        kind, otherUrl, otherUser, otherPassword, poolSize, writeParallelism, connectTimeout, healthInterval, healthTimeout,
        schemaTimeout);
  }

  /** The plugin's shared database "nexus" for this choice; layer it over the node's config. */
  public Config pluginConfig() {
    Map<String, Object> db = new HashMap<>();
    db.put("url", url);
    db.put("user", user);
    db.put("password", password);
    db.put("driver", kind.driver());
    db.put("numThreads", poolSize);
    db.put("maxConnections", poolSize);
    db.put("minConnections", 1);
    db.put("connectionTimeout", connectTimeout.toMillis());
    String base = "pekko-persistence-jdbc.shared-databases.nexus";
    Map<String, Object> values = new HashMap<>();
    values.put(base + ".profile", kind.slickProfile());
    values.put("jdbc-journal.parallelism", writeParallelism);
    db.forEach((key, value) -> values.put(base + ".db." + key, value));
    return ConfigFactory.parseMap(values, "nexus.storage (" + kind.configName() + ")");
  }

  /** Where the data is, for messages: the H2 file or the PostgreSQL URL (never credentials). */
  public String describe() {
    if (kind == StorageKind.H2) {
      return "h2 " + url.substring("jdbc:h2:file:".length(), url.indexOf(';')) + ".mv.db";
    }
    return "postgres " + UrlSecrets.mask(url);
  }

  @Override
  public String toString() {
    return "StorageSettings[" + describe() + ", user=" + user + ", password=" + (password.isEmpty() ? "(none)" : "****")
        + ", poolSize=" + poolSize + "]";
  }

  private static StorageKind kind(Config root) {
    String value = root.getString(PREFIX + ".kind");
    try {
      return StorageKind.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException.BadValue(
          PREFIX + ".kind",
          "must be one of " + Arrays.stream(StorageKind.values()).map(StorageKind::configName).toList() + ", was '" + value + "'");
    }
  }

  private static Duration positive(Config root, String key) {
    Duration value = root.getDuration(PREFIX + "." + key);
    if (value.isZero() || value.isNegative()) {
      throw new ConfigException.BadValue(PREFIX + "." + key, "must be positive, was " + value);
    }
    return value;
  }
}
