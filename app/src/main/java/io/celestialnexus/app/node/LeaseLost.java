package io.celestialnexus.app.node;

import org.apache.pekko.actor.CoordinatedShutdown;

/** Why a node stopped itself: another node took the writer's lease on the shared journal. `nexus start` exits 1. */
public enum LeaseLost implements CoordinatedShutdown.Reason {
  INSTANCE
}
