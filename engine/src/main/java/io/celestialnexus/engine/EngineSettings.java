package io.celestialnexus.engine;

import com.typesafe.config.Config;
import io.celestialnexus.engine.runtime.RuntimeSettings;
import io.celestialnexus.engine.ssq.SsqSettings;
import io.celestialnexus.engine.support.SettingsReader;
import io.celestialnexus.engine.task.TaskSettings;
import java.time.Duration;

/**
 * Everything the engine reads from {@code nexus.engine} (and the node paths), read once at startup: the runtime's
 * settings and the prediction domain's {@code nexus.engine.ssq}. Invalid values fail here with a
 * {@code ConfigException} naming the key.
 */
public record EngineSettings(NodePaths paths, RuntimeSettings runtime, SsqSettings ssq) {

  /** Reads the root config (it needs {@code nexus.data}, {@code nexus.logs} and {@code nexus.engine}). */
  public static EngineSettings fromConfig(Config root) {
    var paths = NodePaths.fromConfig(root);
    return new EngineSettings(
        paths,
        RuntimeSettings.fromConfig(root, paths.reportsDir()),
        SsqSettings.fromConfig(new SettingsReader(root, "nexus.engine").at("ssq")));
  }

  /** The settings of task {@code name}: its own block if configured, else the defaults. */
  public TaskSettings task(String name) {
    return runtime.task(name);
  }

  /** How long the engine's ports wait for its actors. */
  public Duration askTimeout() {
    return runtime.askTimeout();
  }
}
