package io.celestialnexus.engine.supervision;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Restarts inside a sliding window, and whether they exceed a limit: one task's flapping, or a restart storm
 * across all tasks. Not thread-safe; owned by one actor.
 */
public final class RestartWindow {

  private final int limit;
  private final Duration window;
  private final Deque<Instant> restarts = new ArrayDeque<>();

  public RestartWindow(int limit, Duration window) {
    this.limit = limit;
    this.window = window;
  }

  /** Records a restart at {@code at} and answers whether more than {@code limit} fall inside the window. */
  public boolean recordRestart(Instant at) {
    restarts.addLast(at);
    return exceeded(at);
  }

  /** Whether more than {@code limit} restarts fall inside the window ending at {@code now}, forgetting older ones. */
  public boolean exceeded(Instant now) {
    Instant horizon = now.minus(window);
    while (!restarts.isEmpty() && restarts.peekFirst().isBefore(horizon)) {
      restarts.removeFirst();
    }
    return restarts.size() > limit;
  }

  /** Restarts currently inside the window, as of the last one recorded. */
  public int count() {
    return restarts.size();
  }
}
