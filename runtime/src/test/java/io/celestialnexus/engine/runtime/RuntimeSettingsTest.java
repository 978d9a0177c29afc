package io.celestialnexus.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import io.celestialnexus.engine.task.Schedule;
import io.celestialnexus.engine.testing.TestEngineSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeSettingsTest {

  @TempDir Path root;

  @Test
  void shippedDefaultsFollowTheSupervisionContract() {
    RuntimeSettings settings = TestEngineSettings.settings(root, "");
    var backoff = settings.taskDefaults().backoff();
    assertEquals(Duration.ofSeconds(1), backoff.minBackoff());
    assertEquals(Duration.ofSeconds(300), backoff.maxBackoff());
    assertEquals(0.2, backoff.randomFactor());
    assertEquals(Duration.ofMinutes(2), backoff.resetAfter());
    assertEquals(Duration.ofSeconds(180), settings.task("unconfigured").heartbeatTimeout());
    assertEquals(root.resolve("data").resolve("reports").resolve("status.json"), settings.status().statusFile());
    assertEquals(Duration.ofSeconds(3), settings.askTimeout(), "how long an edge waits for the engine's actors");
  }

  @Test
  void aTaskBlockOverridesTheDefaultsAndAdaptiveSchedulingUsesItsBounds() {
    RuntimeSettings settings =
        TestEngineSettings.settings(
            root,
            """
            nexus.engine.tasks.sample = ${nexus.engine.task-defaults} { interval = 5s }
            nexus.engine.tasks.sample.adaptive { enabled = true, factor = 3, min-seconds = 2, max-seconds = 9 }
            """);
    assertEquals(new Schedule.Adaptive(Duration.ofSeconds(2), Duration.ofSeconds(9), 3.0), settings.task("sample").schedule());
    assertEquals(Duration.ofSeconds(60), settings.task("unconfigured").interval());
  }

  @Test
  void aNegativeIntervalIsRejectedNamingTheKey() {
    var error =
        assertThrows(
            ConfigException.class,
            () -> TestEngineSettings.settings(root, "nexus.engine.tasks.sample = ${nexus.engine.task-defaults} { interval = -5s }"));
    assertTrue(error.getMessage().contains("nexus.engine.tasks.sample.interval"), error.getMessage());
    assertTrue(error.getMessage().contains("must not be negative"), error.getMessage());
  }

  @Test
  void aMalformedDurationIsRejectedNamingTheKey() {
    var error =
        assertThrows(
            ConfigException.class, () -> TestEngineSettings.settings(root, "nexus.engine.drain-timeout = soon"));
    assertInstanceOf(ConfigException.BadValue.class, error);
    assertTrue(error.getMessage().contains("drain-timeout"), error.getMessage());
  }

  @Test
  void maxBackoffBelowMinBackoffIsRejected() {
    var error =
        assertThrows(
            ConfigException.class,
            () -> TestEngineSettings.settings(root, "nexus.engine.task-defaults.backoff.max-backoff = 10ms"));
    assertTrue(error.getMessage().contains("max-backoff"), error.getMessage());
  }
}
