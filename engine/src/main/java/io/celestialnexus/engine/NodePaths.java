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

  /** Evaluations, charts, and the status board's {@code status.json} and {@code alerts.json} (StatusSettings). */
  public Path reportsDir() {
    return dataDir.resolve("reports");
  }
}
