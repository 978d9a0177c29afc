package io.celestialnexus.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.celestialnexus.engine.testing.TestEngineSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineSettingsTest {

  @TempDir Path root;

  private EngineSettings settings(String overrides) {
    return EngineSettings.fromConfig(TestEngineSettings.config(root, overrides));
  }

  @Test
  void theEnginesTaskBlocksLayerOverTheRuntimesDefaults() {
    EngineSettings settings = settings("");
    assertEquals(Duration.ofSeconds(120), settings.task("housekeeping").stepTimeout(), "the engine's own block");
    assertEquals(Duration.ofSeconds(300), settings.task("housekeeping").backoff().maxBackoff(), "the runtime's default");
    assertEquals(Duration.ofSeconds(1800), settings.task("ssq-cycle").stepTimeout());
  }

  @Test
  void theStatusBoardKeepsItsFilesInTheNodesReportsDirectory() {
    EngineSettings settings = settings("nexus.engine.ask-timeout = 7s");
    assertEquals(root.resolve("data").resolve("reports"), settings.paths().reportsDir());
    assertEquals(settings.paths().reportsDir().resolve("status.json"), settings.runtime().status().statusFile());
    assertEquals(Duration.ofSeconds(7), settings.askTimeout());
  }
}
