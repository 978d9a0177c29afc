package io.celestialnexus.bridge.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PendingScreenshotsTest {

  @Test
  void screenshotsAreHandedOutInTheOrderAskedAndAnsweredOnce() {
    var pending = new PendingScreenshots<String>();
    long first = pending.add("api-1");
    long second = pending.add("api-2");
    assertEquals(OptionalLong.of(first), pending.takeNext());
    assertEquals(OptionalLong.of(second), pending.takeNext());
    assertEquals(OptionalLong.empty(), pending.takeNext());
    assertEquals(Optional.of("api-2"), pending.taken(second));
    assertEquals(Optional.empty(), pending.taken(second));
  }

  @Test
  void anExpiredRequestIsNeitherTakenNorAnsweredLater() {
    var pending = new PendingScreenshots<String>();
    long late = pending.add("api-1");
    long next = pending.add("api-2");
    assertEquals(Optional.of("api-1"), pending.expired(late));
    assertEquals(OptionalLong.of(next), pending.takeNext());
    assertEquals(Optional.empty(), pending.taken(late));
  }

  @Test
  void aDeadRoundAbandonsEveryRequestHandedOutOrNot() {
    var pending = new PendingScreenshots<String>();
    long handedOut = pending.add("api-1");
    long queued = pending.add("api-2");
    pending.takeNext();
    assertEquals(Map.of(handedOut, "api-1", queued, "api-2"), pending.abandonAll());
    assertEquals(OptionalLong.empty(), pending.takeNext());
    assertEquals(Optional.empty(), pending.taken(handedOut));
  }
}
