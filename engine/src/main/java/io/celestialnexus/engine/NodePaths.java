package io.celestialnexus.engine;

import com.typesafe.config.Config;
import java.nio.file.Path;

/** Where a node writes: everything under {@code dataDir} except logs. Paths are absolute. */
public record NodePaths(Path dataDir, Path logsDir) {

  public static NodePaths fromConfig(Config config) {
    return new NodePaths(
        Path.of(config.getString("nexus.data.dir")).toAbsolutePath().normalize(),
        Path.of(config.getString("nexus.logs.dir")).toAbsolutePath().normalize());
  }

  /** Evaluations, {@code status.json}, {@code alerts.json}. */
  public Path reportsDir() {
    return dataDir.resolve("reports");
  }

  public Path statusFile() {
    return reportsDir().resolve("status.json");
  }

  public Path alertsFile() {
    return reportsDir().resolve("alerts.json");
  }
}
