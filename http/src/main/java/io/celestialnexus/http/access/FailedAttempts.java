package io.celestialnexus.http.access;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Wrong keys per client address in a fixed window: after {@code maxFailures} in one window the client is refused
 * (429) until the window ends, so guessing a key costs time. At most {@code maxClients} addresses are tracked; when
 * that many are in a window, newcomers share one window, so a flood from many addresses is slowed as a whole and
 * memory stays bounded.
 */
public final class FailedAttempts {

  static final String OVERFLOW = "(many clients)";

  private record Window(long startNanos, int failures) {}

  private final int maxFailures;
  private final long windowNanos;
  private final int maxClients;
  private final LongSupplier nanoTime;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  public FailedAttempts(int maxFailures, Duration window, int maxClients, LongSupplier nanoTime) {
    this.maxFailures = maxFailures;
    this.windowNanos = window.toNanos();
    this.maxClients = maxClients;
    this.nanoTime = nanoTime;
  }

  /** How long {@code client} is still refused, or empty when it may try. */
  public Optional<Duration> refusedFor(String client) {
    Window window = windows.get(tracked(client));
    long now = nanoTime.getAsLong();
    if (window == null || window.failures < maxFailures || expired(window, now)) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(window.startNanos + windowNanos - now));
  }

  /** Counts a wrong key presented by {@code client}; answers its failures in the current window. */
  public int failed(String client) {
    long now = nanoTime.getAsLong();
    if (!windows.containsKey(client) && windows.size() >= maxClients) {
      windows.values().removeIf(window -> expired(window, now));
    }
    return windows
        .compute(
            tracked(client),
            (address, window) -> window == null || expired(window, now) ? new Window(now, 1) : new Window(window.startNanos, window.failures + 1))
        .failures;
  }

  /** Addresses tracked now (for tests and the bound). */
  int tracked() {
    return windows.size();
  }

  private String tracked(String client) {
    return windows.containsKey(client) || windows.size() < maxClients ? client : OVERFLOW;
  }

  private boolean expired(Window window, long now) {
    return now - window.startNanos >= windowNanos;
  }
}
