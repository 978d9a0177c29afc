package io.celestialnexus.engine.supervision;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RestartWindowTest {

  @Test
  void exceedsLimitOnlyWhenMoreThanLimitRestartsFallInsideTheWindow() {
    var window = new RestartWindow(2, Duration.ofMinutes(10));
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    assertFalse(window.recordRestart(t0));
    assertFalse(window.recordRestart(t0.plusSeconds(60)));
    assertTrue(window.recordRestart(t0.plusSeconds(120)));
    // ten minutes after the third, all three have left the window
    assertFalse(window.recordRestart(t0.plusSeconds(120 + 601)));
  }
}
