package io.celestialnexus.app.cluster;

import io.celestialnexus.engine.cluster.ClusterPort;
import io.celestialnexus.engine.cluster.ClusterView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The cluster as this node's membership state shows it (Pekko keeps it current; reading it takes no message), as
 * the {@link ClusterPort} of the HTTP edge and the source of the {@code cluster} health component.
 */
public final class ClusterMembers implements ClusterPort {

  /** Pekko's own data-center role, which every member has; not one an operator set. */
  private static final String DATA_CENTER_ROLE = "dc-";

  private final Cluster cluster;

  public ClusterMembers(ActorSystem<?> system) {
    this.cluster = Cluster.get(system);
  }

  @Override
  public Optional<ClusterView> view() {
    ClusterEvent.CurrentClusterState state = cluster.state();
    Set<Member> unreachable = state.getUnreachable();
    List<ClusterView.Member> members = new ArrayList<>();
    for (Member member : state.getMembers()) {
      List<String> roles = member.getRoles().stream().filter(role -> !role.startsWith(DATA_CENTER_ROLE)).sorted().toList();
      members.add(new ClusterView.Member(hostPort(member.address()), member.status().toString(), roles, !unreachable.contains(member)));
    }
    Address leader = state.getLeader();
    return Optional.of(
        new ClusterView(hostPort(cluster.selfMember().address()), leader == null ? null : hostPort(leader), members, Map.of()));
  }

  /** Whether this node is a member that may serve: Up (or WeaklyUp while the cluster cannot converge). */
  boolean selfUp() {
    MemberStatus status = cluster.selfMember().status();
    return status.equals(MemberStatus.up()) || status.equals(MemberStatus.weaklyUp());
  }

  static String hostPort(Address address) {
    return address.getHost().orElse("?") + ":" + address.getPort().map(String::valueOf).orElse("?");
  }
}
