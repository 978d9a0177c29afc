package io.celestialnexus.engine.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.celestialnexus.engine.runtime.RuntimeSettings;
import java.nio.file.Path;

/** Settings over the shipped defaults, with the node's directories under a test's temp dir. */
public final class TestEngineSettings {

  private TestEngineSettings() {}

  /** The node's config with {@code data/} and {@code logs/} under {@code root}, {@code overrides} on top. */
  public static Config config(Path root, String overrides) {
    return ConfigFactory.parseString(overrides)
        .withFallback(
            ConfigFactory.parseMap(
                java.util.Map.of(
                    "nexus.data.dir", root.resolve("data").toString(),
                    "nexus.logs.dir", root.resolve("logs").toString())))
        .withFallback(ConfigFactory.load())
        .resolve();
  }

  /** The runtime's settings over {@link #config}, its reports in {@code root/data/reports} as on a node. */
  public static RuntimeSettings settings(Path root, String overrides) {
    return RuntimeSettings.fromConfig(config(root, overrides), root.resolve("data").resolve("reports"));
  }
}
