package io.celestialnexus.engine;

import com.typesafe.config.Config;
import io.celestialnexus.engine.support.SettingsReader;
import java.nio.file.Path;

/** Where a node writes: everything under {@code dataDir} except logs. Paths are absolute. */
public record NodePaths(Path dataDir, Path logsDir) {

  /** Reads {@code nexus.data.dir} and {@code nexus.logs.dir} (defaults in the runtime's reference.conf). */
  public static NodePaths fromConfig(Config config) {
    var nexus = new SettingsReader(config, "nexus");
    return new NodePaths(nexus.location("data.dir"), nexus.location("logs.dir"));
  }

  /** Evaluations, charts, and the status board's {@code status.json} and {@code alerts.json} (StatusSettings). */
  public Path reportsDir() {
    return dataDir.resolve("reports");
  }
}
