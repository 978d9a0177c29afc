package io.celestialnexus.engine.testing;

import io.celestialnexus.engine.support.EngineClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when told to (resilience4j's MockClock pattern); thread-safe. */
public final class ManualClock extends EngineClock {

  private final Instant origin;
  private final AtomicReference<Instant> now;

  public ManualClock(Instant start) {
    this.origin = start;
    this.now = new AtomicReference<>(start);
  }

  public ManualClock() {
    this(Instant.parse("2026-11-22T00:00:00Z"));
  }

  public void advance(Duration duration) {
    now.updateAndGet(instant -> instant.plus(duration));
  }

  @Override
  public long nanoTime() {
    return Duration.between(origin, now.get()).toNanos();
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a manual clock is always UTC");
  }
}
