package io.celestialnexus.engine.storage;

import com.typesafe.config.Config;
import io.celestialnexus.engine.support.SettingsReader;
import java.time.Duration;

/** How often {@link JournalProbe} checks that writes are confirmed, and how long each check may take ({@code nexus.engine.state.writes-probe}). */
public record WritesProbeSettings(Duration interval, Duration timeout) {

  public static WritesProbeSettings fromConfig(Config root) {
    var probe = new SettingsReader(root, "nexus.engine.state.writes-probe");
    return new WritesProbeSettings(probe.positiveDuration("interval"), probe.positiveDuration("timeout"));
  }
}
