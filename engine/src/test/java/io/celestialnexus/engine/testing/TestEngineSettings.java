package io.celestialnexus.engine.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.celestialnexus.engine.EngineSettings;
import java.nio.file.Path;

/** Engine settings over the shipped defaults, with the node's directories under a test's temp dir. */
public final class TestEngineSettings {

  private TestEngineSettings() {}

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

  public static EngineSettings settings(Path root, String overrides) {
    return EngineSettings.fromConfig(config(root, overrides));
  }
}
