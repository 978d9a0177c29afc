package io.celestialnexus.engine.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The engine's time: wall-clock instants for what status shows, and a monotonic {@link #nanoTime()} for
 * what must not jump with the wall clock (heartbeat silence, step durations). Tests substitute a manual
 * one that moves only when told, together with Pekko's ManualTime.
 */
public abstract class EngineClock extends Clock {

  /** Monotonic nanoseconds with an arbitrary origin, like {@link System#nanoTime()}. */
  public abstract long nanoTime();

  public static EngineClock system() {
    return SystemEngineClock.INSTANCE;
  }

  private static final class SystemEngineClock extends EngineClock {
    private static final SystemEngineClock INSTANCE = new SystemEngineClock();
    private static final Clock UTC = Clock.systemUTC();

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public Instant instant() {
      return UTC.instant();
    }

    @Override
    public long millis() {
      return UTC.millis();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return UTC.withZone(zone);
    }
  }
}
