package io.celestialnexus.bridge.device;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps that keep at most {@code capacity} entries, named by what they drop when full. Not thread-safe: each belongs
 * to one actor's state.
 */
final class BoundedMaps {

  private BoundedMaps() {}

  /** Drops the entry least recently read or written: what keeps being used stays (access order). */
  static <K, V> Map<K, V> leastRecentlyUsed(int capacity) {
    return bounded(capacity, true);
  }

  /** Keeps the {@code capacity} newest insertions and drops the oldest; reading or replacing does not refresh. */
  static <K, V> Map<K, V> newest(int capacity) {
    return bounded(capacity, false);
  }

  private static <K, V> Map<K, V> bounded(int capacity, boolean accessOrder) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    return new LinkedHashMap<>(16, 0.75f, accessOrder) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }
}
