package io.celestialnexus.engine.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffPolicyTest {

  private static final BackoffSettings SETTINGS =
      new BackoffSettings(Duration.ofSeconds(1), Duration.ofSeconds(300), 0.2, Duration.ofMinutes(2), 10, Duration.ofMinutes(10));

  @Test
  void firstFailureAfterHealthyRunRestartsImmediately() {
    assertEquals(Duration.ZERO, new BackoffPolicy(SETTINGS, () -> 0.99).delayAfter(1, false));
  }

  @Test
  void delayDoublesPerConsecutiveFailureStartingAtMinBackoff() {
    var policy = new BackoffPolicy(SETTINGS, () -> 0.5); // 0.5 = no jitter
    assertEquals(Duration.ofSeconds(1), policy.delayAfter(2, false));
    assertEquals(Duration.ofSeconds(2), policy.delayAfter(3, false));
    assertEquals(Duration.ofSeconds(4), policy.delayAfter(4, false));
    assertEquals(Duration.ofSeconds(256), policy.delayAfter(10, false));
  }

  @Test
  void neverExceedsMaxBackoffEvenWithFullUpwardJitter() {
    var policy = new BackoffPolicy(SETTINGS, () -> 0.999_999);
    assertEquals(Duration.ofSeconds(300), policy.delayAfter(10, false)); // 256 s * 1.2 would be 307 s
    assertEquals(Duration.ofSeconds(300), policy.delayAfter(1_000, false)); // no overflow on long runs
  }

  @Test
  void jitterStaysWithinTwentyPercentOfTheBase() {
    var random = new Random(42);
    var policy = new BackoffPolicy(SETTINGS, random::nextDouble);
    double lowest = Double.MAX_VALUE;
    double highest = 0;
    for (int i = 0; i < 10_000; i++) {
      double seconds = policy.delayAfter(4, false).toNanos() / 1e9; // base 4 s
      lowest = Math.min(lowest, seconds);
      highest = Math.max(highest, seconds);
    }
    assertTrue(lowest >= 3.2 && lowest < 3.3, "lowest " + lowest);
    assertTrue(highest <= 4.8 && highest > 4.7, "highest " + highest);
  }

  @Test
  void flappingTaskWaitsMaxBackoff() {
    assertEquals(Duration.ofSeconds(300), new BackoffPolicy(SETTINGS, () -> 0.5).delayAfter(2, true));
  }
}
