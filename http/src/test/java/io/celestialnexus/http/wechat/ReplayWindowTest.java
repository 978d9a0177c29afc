package io.celestialnexus.http.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Which signed URLs are remembered, for how long, and how many. */
class ReplayWindowTest {

  private static final long NOW = 1_800_000_000L;

  private static byte[] body(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Clock at(long seconds) {
    return Clock.fixed(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
  }

  @Test
  void theSameUrlWithTheSameBodyIsARetryAndWithAnotherBodyAReplay() {
    ReplayWindow window = new ReplayWindow(Duration.ofSeconds(300), 100, at(NOW));
    assertEquals(ReplayWindow.Verdict.FIRST, window.admit(NOW, "n1", body("a")));
    assertEquals(ReplayWindow.Verdict.RETRY, window.admit(NOW, "n1", body("a")));
    assertEquals(ReplayWindow.Verdict.REPLAY, window.admit(NOW, "n1", body("b")));
    assertEquals(ReplayWindow.Verdict.FIRST, window.admit(NOW, "n2", body("b")));
    assertEquals(ReplayWindow.Verdict.FIRST, window.admit(NOW + 1, "n1", body("b")));
  }

  @Test
  void aUrlIsForgottenOnceItsTimestampLeavesTheSkewWindow() {
    var clock = new java.util.concurrent.atomic.AtomicLong(NOW);
    Clock moving =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return Instant.ofEpochSecond(clock.get());
          }
        };
    ReplayWindow window = new ReplayWindow(Duration.ofSeconds(300), 100, moving);
    window.admit(NOW, "n1", body("a"));
    clock.set(NOW + 300); // still acceptable to the timestamp check: still remembered
    assertEquals(ReplayWindow.Verdict.REPLAY, window.admit(NOW, "n1", body("b")));
    clock.set(NOW + 301);
    window.admit(NOW + 301, "other", body("x"));
    assertEquals(1, window.size(), "the expired URL is gone");
  }

  @Test
  void aboveMaxEntriesTheOldestIsForgottenFirst() {
    ReplayWindow window = new ReplayWindow(Duration.ofSeconds(300), 3, at(NOW));
    for (int i = 0; i < 5; i++) {
      window.admit(NOW, "n" + i, body("a"));
    }
    assertEquals(3, window.size());
    assertEquals(ReplayWindow.Verdict.FIRST, window.admit(NOW, "n0", body("b")), "forgotten");
    assertEquals(ReplayWindow.Verdict.REPLAY, window.admit(NOW, "n4", body("b")), "kept");
  }
}
