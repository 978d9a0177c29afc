package io.celestialnexus.engine.supervision;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The restart delay for the n-th consecutive failure. Ours rather than Pekko's {@code restartWithBackoff}
 * because status must show when the next restart happens, the first restart must be immediate, and the cap
 * must hold with jitter included (Pekko applies jitter after the cap).
 */
public final class BackoffPolicy {

  private final BackoffSettings settings;
  private final DoubleSupplier random;

  /** {@code random} yields uniform values in [0, 1); tests pass a fixed sequence. */
  public BackoffPolicy(BackoffSettings settings, DoubleSupplier random) {
    this.settings = settings;
    this.random = random;
  }

  public BackoffPolicy(BackoffSettings settings) {
    this(settings, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * Delay before restarting after {@code consecutiveFailures} failures in a row (1 = the first failure after
   * a healthy run). A flapping task always waits {@code max-backoff}.
   */
  public Duration delayAfter(int consecutiveFailures, boolean flapping) {
    if (flapping) {
      return settings.maxBackoff();
    }
    if (consecutiveFailures <= 1) {
      return Duration.ZERO;
    }
    // min, 2*min, 4*min, ... in doubles so that a long run of failures cannot overflow
    double base = settings.minBackoff().toNanos() * Math.pow(2, consecutiveFailures - 2);
    double jittered = base * (1 + settings.randomFactor() * (2 * random.getAsDouble() - 1));
    double capped = Math.min(jittered, settings.maxBackoff().toNanos());
    return Duration.ofNanos((long) capped);
  }

  public BackoffSettings settings() {
    return settings;
  }
}
