package io.celestialnexus.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/** Plain JDBC connections for schema work and health checks, outside the plugin's pool. */
final class Jdbc {

  private Jdbc() {}

  /** Opens a connection that gives up connecting, and reading an answer, after {@code timeout}. */
  static Connection open(StorageSettings settings, Duration timeout) throws SQLException {
    return open(settings, timeout, "nexus");
  }

  /** The same, named {@code applicationName} in PostgreSQL's pg_stat_activity (at most 63 bytes are kept). */
  static Connection open(StorageSettings settings, Duration timeout, String applicationName) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", settings.user());
    properties.setProperty("password", settings.password());
    if (settings.kind() == StorageKind.POSTGRES) {
      String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
      properties.setProperty("connectTimeout", seconds);
      properties.setProperty("loginTimeout", seconds);
      properties.setProperty("socketTimeout", seconds);
      properties.setProperty("ApplicationName", applicationName);
    }
    return DriverManager.getConnection(settings.url(), properties);
  }
}
