package io.celestialnexus.app.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.celestialnexus.engine.support.SettingsReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the node joins a Pekko Cluster, read from {@code nexus.cluster}. Off by default; when on, {@link
 * #pekkoConfig(String)} turns the actor system into a cluster member with Artery TCP and the Split Brain Resolver
 * (keep-majority), which Pekko ships off.
 *
 * @param seeds {@code host:port} of the members to join through; empty: the node joins itself (the first member)
 */
public record ClusterSettings(boolean enabled, String host, int port, List<String> seeds, List<String> roles, Duration stableAfter) {

  public ClusterSettings {
    seeds = List.copyOf(seeds);
    roles = List.copyOf(roles);
  }

  public static ClusterSettings fromConfig(Config root) {
    var cluster = new SettingsReader(root, "nexus.cluster");
    String host = cluster.string("host").strip();
    if (host.isEmpty()) {
      throw cluster.invalid("host", "must name the address other members reach this node at");
    }
    List<String> seeds = cluster.commaSeparated("seeds");
    for (String seed : seeds) {
      int colon = seed.lastIndexOf(':');
      if (colon <= 0 || !seed.substring(colon + 1).matches("\\d{1,5}")) {
        throw cluster.invalid("seeds", "each seed must be host:port, was '" + seed + "'");
      }
    }
    return new ClusterSettings(
        cluster.flag("enabled"),
        host,
        cluster.integerIn(0, 65535, "port"),
        seeds,
        cluster.commaSeparated("roles"),
        cluster.positiveDuration("stable-after"));
  }

  /** The actor system's cluster settings; empty when the cluster is off (the node keeps the local provider). */
  public Config pekkoConfig(String systemName) {
    if (!enabled) {
      return ConfigFactory.empty();
    }
    // without seeds the node joins itself once started (its port may be 0, chosen by the system)
    List<String> seedNodes = seeds.stream().map(seed -> "pekko://" + systemName + "@" + seed).toList();
    return ConfigFactory.parseMap(
        Map.of(
            "pekko.actor.provider", "cluster",
            "pekko.remote.artery.transport", "tcp",
            "pekko.remote.artery.canonical.hostname", host,
            "pekko.remote.artery.canonical.port", port,
            "pekko.cluster.roles", ConfigValueFactory.fromIterable(roles),
            "pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seedNodes),
            "pekko.cluster.downing-provider-class", "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider",
            "pekko.cluster.split-brain-resolver.active-strategy", "keep-majority",
            "pekko.cluster.split-brain-resolver.stable-after", stableAfter.toMillis() + "ms"));
  }
}
