package io.celestialnexus.engine.cluster;

import java.util.List;
import java.util.Map;

/**
 * The cluster as one node sees it, for {@code GET /api/cluster} and {@code nexus status}.
 *
 * @param self this node's cluster address, {@code host:port}
 * @param leader the leader's address, null while there is none (before joining, or during a partition)
 * @param members every member known to this node, in address order
 * @param singletons where each cluster singleton runs ({@code name → host:port}); empty until singletons exist
 */
public record ClusterView(String self, String leader, List<Member> members, Map<String, String> singletons) {

  public ClusterView {
    members = List.copyOf(members);
    singletons = Map.copyOf(singletons);
  }

  /**
   * One member.
   *
   * @param status Pekko's member status: Joining, WeaklyUp, Up, Leaving, Exiting, Down, Removed
   * @param reachable false while this node's failure detector cannot reach it
   */
  public record Member(String address, String status, List<String> roles, boolean reachable) {
    public Member {
      roles = List.copyOf(roles);
    }
  }
}
