package io.celestialnexus.engine.cluster;

import java.util.Optional;

/**
 * The cluster as the HTTP edge sees it: a narrow port so that {@code http} never depends on Pekko Cluster. A node
 * with the cluster off uses {@link #off()}.
 */
public interface ClusterPort {

  /** This node's view of the cluster; empty when the node does not run in cluster mode. */
  Optional<ClusterView> view();

  /** A node that runs alone (nexus.cluster.enabled = false). */
  static ClusterPort off() {
    return Optional::empty;
  }
}
