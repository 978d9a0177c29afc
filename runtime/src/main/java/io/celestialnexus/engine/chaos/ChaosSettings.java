package io.celestialnexus.engine.chaos;

import com.typesafe.config.Config;
import io.celestialnexus.engine.support.SettingsReader;

/** {@code nexus.chaos}: whether operators may inject assaults, and how many records the book keeps. */
public record ChaosSettings(boolean enabled, int history) {

  public static ChaosSettings fromConfig(Config root) {
    var chaos = new SettingsReader(root, "nexus.chaos");
    return new ChaosSettings(chaos.flag("enabled"), chaos.integerAtLeast(1, "history"));
  }
}
