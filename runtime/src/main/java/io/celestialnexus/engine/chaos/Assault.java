package io.celestialnexus.engine.chaos;

/**
 * What an operator asks chaos to do to a task's next steps.
 *
 * @param count how many of the next steps it applies to
 * @param latencyMillis for {@link Kind#LATENCY}: the delay added to each of those steps (0 otherwise)
 */
public record Assault(Kind kind, int count, long latencyMillis) {

  public static final int MAX_COUNT = 10_000;
  public static final long MAX_LATENCY_MILLIS = 600_000;

  public enum Kind {
    /** The step throws. */
    EXCEPTION,
    /** The step blocks until it is cancelled: only the watchdog can end it. */
    HANG,
    /** The step is delayed by latencyMillis, then does its work. */
    LATENCY
  }

  public Assault {
    if (kind == null) {
      throw new IllegalArgumentException("assault must be one of exception, hang, latency");
    }
    if (count < 1 || count > MAX_COUNT) {
      throw new IllegalArgumentException("count must be in 1.." + MAX_COUNT + ", was " + count);
    }
    if (kind == Kind.LATENCY && (latencyMillis < 1 || latencyMillis > MAX_LATENCY_MILLIS)) {
      throw new IllegalArgumentException("latencyMs must be in 1.." + MAX_LATENCY_MILLIS + " for a latency assault");
    }
    if (kind != Kind.LATENCY) {
      latencyMillis = 0;
    }
  }
}
