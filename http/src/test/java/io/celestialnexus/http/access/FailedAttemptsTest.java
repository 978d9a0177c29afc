package io.celestialnexus.http.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Wrong keys per client in a window, on a clock the test moves. */
class FailedAttemptsTest {

  private final AtomicLong now = new AtomicLong();
  private final FailedAttempts attempts = new FailedAttempts(3, Duration.ofSeconds(60), 4, now::get);

  private void advance(Duration by) {
    now.addAndGet(by.toNanos());
  }

  @Test
  void aClientIsRefusedAfterTheLimitUntilItsWindowEnds() {
    attempts.failed("a");
    advance(Duration.ofSeconds(10));
    attempts.failed("a");
    assertEquals(Optional.empty(), attempts.refusedFor("a"));
    assertEquals(3, attempts.failed("a"));
    assertEquals(Optional.of(Duration.ofSeconds(50)), attempts.refusedFor("a"));
    assertEquals(Optional.empty(), attempts.refusedFor("b"));
    advance(Duration.ofSeconds(50));
    assertEquals(Optional.empty(), attempts.refusedFor("a"));
    assertEquals(1, attempts.failed("a"), "a new window starts");
  }

  @Test
  void memoryIsBoundedNewcomersShareOneWindowAndExpiredOnesMakeRoom() {
    for (int client = 0; client < 10; client++) {
      attempts.failed("10.0.0." + client);
    }
    assertTrue(attempts.tracked() <= 5, "tracked " + attempts.tracked());
    // clients 4..9 shared the overflow window: 6 failures there refuse any newcomer
    assertTrue(attempts.refusedFor("10.0.1.1").isPresent());
    assertEquals(Optional.empty(), attempts.refusedFor("10.0.0.0"));
    advance(Duration.ofSeconds(61));
    attempts.failed("10.0.2.2");
    assertEquals(1, attempts.tracked(), "expired windows were dropped for the newcomer");
  }
}
