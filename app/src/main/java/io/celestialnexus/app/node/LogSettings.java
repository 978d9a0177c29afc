package io.celestialnexus.app.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.celestialnexus.engine.support.SettingsReader;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How the node logs ({@code nexus.logs}): the file's format, the level, and when the file rolls. Logback reads them as
 * system properties ({@link #asSystemProperties()}), set by {@code nexus start} before its first log line.
 *
 * @param fileSize the log file rolls when it reaches this many bytes (and every day)
 * @param backupCount days of rolled files kept
 */
public record LogSettings(String format, String level, long fileSize, int backupCount) {

  private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

  public static LogSettings fromConfig(Config root) {
    SettingsReader logs = new SettingsReader(root, "nexus.logs");
    String level = logs.string("level").strip().toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(level)) {
      throw logs.invalid("level", "must be one of TRACE, DEBUG, INFO, WARN, ERROR, was '" + logs.string("level") + "'");
    }
    long size;
    try {
      size = root.getBytes(logs.path("file-size"));
    } catch (ConfigException e) {
      throw logs.invalid("file-size", "must be a size such as 100MB, was '" + root.getValue(logs.path("file-size")).unwrapped() + "'");
    }
    if (size < 1024) {
      throw logs.invalid("file-size", "must be at least 1KB, was " + size + " bytes");
    }
    return new LogSettings(logs.oneOf(Set.of("text", "json"), "format"), level, size, logs.integerAtLeast(1, "backup-count"));
  }

  /** What logback.xml reads ({@code ${nexus.logs.level}} and so on). */
  public Map<String, String> asSystemProperties() {
    return Map.of(
        "nexus.logs.level", level,
        "nexus.logs.file-size", Long.toString(fileSize),
        "nexus.logs.backup-count", Integer.toString(backupCount));
  }
}
