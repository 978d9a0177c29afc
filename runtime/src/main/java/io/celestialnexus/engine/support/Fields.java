package io.celestialnexus.engine.support;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Immutable, order-keeping copies of heartbeat field maps (null keys and values dropped). */
public final class Fields {

  private Fields() {}

  public static Map<String, Object> copyOf(Map<String, ?> fields) {
    if (fields == null || fields.isEmpty()) {
      return Map.of();
    }
    var copy = new LinkedHashMap<String, Object>();
    fields.forEach(
        (key, value) -> {
          if (key != null && value != null) {
            copy.put(key, value);
          }
        });
    return Collections.unmodifiableMap(copy);
  }
}
