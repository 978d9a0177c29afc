package io.celestialnexus.bridge.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BoundedMapsTest {

  @Test
  void leastRecentlyUsedKeepsWhatWasReadLately() {
    Map<String, Integer> map = BoundedMaps.leastRecentlyUsed(2);
    map.put("a", 1);
    map.put("b", 2);
    map.get("a");
    map.put("c", 3);
    assertEquals(Set.of("a", "c"), map.keySet());
  }

  @Test
  void leastRecentlyUsedCountsPutIfAbsentOfAKnownKeyAsAUse() {
    Map<String, Boolean> seen = BoundedMaps.leastRecentlyUsed(2);
    seen.putIfAbsent("a", true);
    seen.putIfAbsent("b", true);
    seen.putIfAbsent("a", true); // "a" is still on screen
    seen.putIfAbsent("c", true);
    assertEquals(Set.of("a", "c"), seen.keySet());
  }

  @Test
  void newestDropsTheOldestInsertionEvenIfItWasReadLately() {
    Map<String, Integer> map = BoundedMaps.newest(2);
    map.put("a", 1);
    map.put("b", 2);
    map.get("a");
    map.put("a", 10);
    map.put("c", 3);
    assertEquals(Set.of("b", "c"), map.keySet());
  }
}
