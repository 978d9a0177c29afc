package io.celestialnexus.engine.support;

import com.typesafe.config.ConfigException;
import java.time.Duration;

/** Range checks for settings; a failure names the key, which is what the operator has to fix. */
public final class ConfigChecks {

  private ConfigChecks() {}

  public static Duration positive(Duration value, String path) {
    if (value.isNegative() || value.isZero()) {
      throw new ConfigException.BadValue(path, "must be positive, was " + value);
    }
    return value;
  }

  public static Duration notNegative(Duration value, String path) {
    if (value.isNegative()) {
      throw new ConfigException.BadValue(path, "must not be negative, was " + value);
    }
    return value;
  }

  public static int atLeast(int minimum, int value, String path) {
    if (value < minimum) {
      throw new ConfigException.BadValue(path, "must be at least " + minimum + ", was " + value);
    }
    return value;
  }
}
