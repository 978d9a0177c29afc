package io.celestialnexus.engine.ssq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import io.celestialnexus.engine.EngineSettings;
import io.celestialnexus.engine.ssq.autorl.PromotionMethod;
import io.celestialnexus.engine.testing.TestEngineSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SsqSettingsTest {

  @TempDir Path root;

  private EngineSettings engine(String overrides) {
    return EngineSettings.fromConfig(TestEngineSettings.config(root, overrides));
  }

  private SsqSettings ssq(String overrides) {
    return engine(overrides).ssq();
  }

  private ConfigException rejected(String overrides) {
    return assertThrows(ConfigException.class, () -> engine(overrides));
  }

  @Test
  void theShippedDefaultsAreReadOnceWithTheEngineSettings() {
    EngineSettings engine = engine("");
    SsqSettings ssq = engine.ssq();
    assertEquals(0.02, ssq.tuner().learningRate());
    assertEquals(100, ssq.tuner().window());
    assertEquals(100, ssq.strategies().frequencyWindow());
    assertEquals(0.95, ssq.confidence());
    assertEquals(Duration.ofHours(6), ssq.chartsMinInterval());
    assertEquals(Duration.ofSeconds(300), ssq.cycle().interval());
    assertEquals(Optional.of(Duration.ofSeconds(600)), ssq.cycle().maxTimePerIssue());
    assertEquals(OptionalInt.of(3), ssq.cycle().maxAttemptsPerIssue());
    assertTrue(ssq.autorl().apply());
    assertEquals(PromotionMethod.BLEND, ssq.autorl().method());
    assertEquals(0.03, ssq.autorl().minDelta());
    assertEquals(0.0, ssq.autorl().lowerBoundDelta());
    assertEquals(Duration.ofHours(24), ssq.autorl().minInterval());
  }

  @Test
  void theSeedsKnobsReadTheirOldSpellings() {
    SsqSettings ssq =
        ssq("""
            nexus.engine.ssq.autorl { promote = "0", promote-strategy = replace, min-interval-hours = 0.5 }
            nexus.engine.ssq.cycle { max-attempts-per-issue = 0, max-seconds-per-issue = -1 }
            nexus.engine.ssq.charts.min-interval-hours = 0
            """);
    assertFalse(ssq.autorl().apply(), "AUTORL_PROMOTE=0 records without applying");
    assertEquals(PromotionMethod.REPLACE, ssq.autorl().method());
    assertEquals(Duration.ofMinutes(30), ssq.autorl().minInterval());
    assertEquals(OptionalInt.empty(), ssq.cycle().maxAttemptsPerIssue(), "0 or less is unlimited");
    assertEquals(Optional.empty(), ssq.cycle().maxTimePerIssue());
    assertEquals(Duration.ZERO, ssq.chartsMinInterval());
  }

  @Test
  void badValuesAreRejectedNamingTheirKey() {
    assertTrue(rejected("nexus.engine.ssq.autorl.promote-strategy = sideways").getMessage().contains("nexus.engine.ssq.autorl.promote-strategy"));
    assertTrue(rejected("nexus.engine.ssq.autorl.promote = maybe").getMessage().contains("nexus.engine.ssq.autorl.promote"));
    assertTrue(rejected("nexus.engine.ssq.autorl.blend-alpha = 1.5").getMessage().contains("blend-alpha"));
    assertTrue(rejected("nexus.engine.ssq.evaluation.confidence = 1").getMessage().contains("nexus.engine.ssq.evaluation.confidence"));
    assertTrue(rejected("nexus.engine.ssq.tuner.learning-rate = -1").getMessage().contains("nexus.engine.ssq.tuner.learning-rate"));
    assertTrue(rejected("nexus.engine.ssq.strategies.frequency.window = 0").getMessage().contains("frequency.window"));
    assertTrue(rejected("nexus.engine.ssq.strategies.markov.smoothing = 0").getMessage().contains("markov.smoothing"));
    assertTrue(rejected("nexus.engine.ssq.charts.min-interval-hours = -2").getMessage().contains("min-interval-hours"));
  }
}
