package io.celestialnexus.bridge.wechat;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Human-like random pauses between UI actions, uniform in [min, max]; none when max is zero. */
public final class Pauses {

  /** Sleeps; the production one is {@link Thread#sleep}, so an abandoned step ends at its next pause. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final Duration min;
  private final Duration max;
  private final DoubleSupplier random;
  private final Sleeper sleeper;

  public Pauses(Duration min, Duration max, DoubleSupplier random, Sleeper sleeper) {
    this.min = min;
    this.max = max;
    this.random = random;
    this.sleeper = sleeper;
  }

  public static Pauses none() {
    return new Pauses(Duration.ZERO, Duration.ZERO, () -> 0, duration -> {});
  }

  public void pause() throws InterruptedException {
    if (max.isZero()) {
      return;
    }
    long span = max.toNanos() - min.toNanos();
    sleep(Duration.ofNanos(min.toNanos() + (long) (span * random.getAsDouble())));
  }

  /** A fixed wait (between dump retries). */
  public void sleep(Duration duration) throws InterruptedException {
    if (!duration.isZero()) {
      sleeper.sleep(duration);
    }
  }
}
