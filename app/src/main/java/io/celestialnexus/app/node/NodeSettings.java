package io.celestialnexus.app.node;

import com.typesafe.config.Config;
import io.celestialnexus.app.cluster.ClusterSettings;
import io.celestialnexus.app.alert.AlertSettings;
import io.celestialnexus.bridge.BridgeSettings;
import io.celestialnexus.engine.EngineSettings;
import io.celestialnexus.engine.chaos.ChaosSettings;
import io.celestialnexus.engine.chat.router.ChatSettings;
import io.celestialnexus.engine.ssq.state.StateSettings;
import io.celestialnexus.engine.storage.WritesProbeSettings;
import io.celestialnexus.engine.support.SettingsReader;
import io.celestialnexus.http.HttpSettings;
import io.celestialnexus.http.wechat.WechatSettings;
import io.celestialnexus.persistence.StorageSettings;
import java.time.Duration;
import java.util.Set;

/** Every module's settings, read and validated once; a bad value fails here, naming its key. */
public record NodeSettings(
    Config config,
    EngineSettings engine,
    HttpSettings http,
    ChaosSettings chaos,
    LogSettings logs,
    ChatSettings chat,
    WechatSettings wechat,
    BridgeSettings bridge,
    StorageSettings storage,
    StateSettings state,
    ClusterSettings cluster,
    AlertSettings alerts) {

  private static final String DRAIN_PHASE = "pekko.coordinated-shutdown.phases.service-requests-done.timeout";

  public static NodeSettings fromConfig(Config config) {
    EngineSettings engine = EngineSettings.fromConfig(config);
    LogSettings logs = LogSettings.fromConfig(config);
    Duration drainPhase = config.getDuration(DRAIN_PHASE);
    if (engine.runtime().drainTimeout().compareTo(drainPhase) >= 0) {
      throw new SettingsReader(config, "nexus.engine")
          .invalid("drain-timeout", "must be shorter than " + DRAIN_PHASE + " (" + drainPhase + ")");
    }
    WritesProbeSettings.fromConfig(config); // read again by the guardian: checked here with the rest
    return new NodeSettings(
        config,
        engine,
        HttpSettings.fromConfig(config),
        ChaosSettings.fromConfig(config),
        logs,
        ChatSettings.fromConfig(config),
        WechatSettings.fromConfig(config),
        BridgeSettings.fromConfig(config),
        StorageSettings.fromConfig(config),
        StateSettings.fromConfig(config),
        ClusterSettings.fromConfig(config),
        AlertSettings.fromConfig(config));
  }

  /** How often readiness checks that writes are confirmed ({@code nexus.engine.state.writes-probe}). */
  public WritesProbeSettings writesProbe() {
    return WritesProbeSettings.fromConfig(config);
  }

  /** The actor system's name, also in every cluster address ({@code pekko://nexus@host:port}). */
  public static final String SYSTEM_NAME = "nexus";

  /** The actor system's config: the node's, with the journal pointed at the configured database, and the cluster's. */
  public Config actorSystemConfig() {
    return cluster.pekkoConfig(SYSTEM_NAME).withFallback(storage.pluginConfig()).withFallback(config);
  }

  @Override
  public String toString() {
    return "NodeSettings[" + engine.paths() + ", " + http + ", " + chat + ", " + wechat + ", " + storage + ", " + alerts + "]";
  }
}
