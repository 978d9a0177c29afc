package io.celestialnexus.app.cluster;

import io.celestialnexus.engine.cluster.ClusterView;
import io.celestialnexus.engine.status.StatusBoard;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Follows the cluster's membership: reports the {@code cluster} health component (down, so the node is not ready,
 * until this node is Up) and keeps the gauges {@code nexus_cluster_members{status}} and {@code
 * nexus_cluster_unreachable_members}. It holds only what it reads again on the next event, so a restart loses
 * nothing.
 */
public final class ClusterWatch {

  public static final String COMPONENT = "cluster";
  private static final List<String> STATUSES = List.of("Joining", "WeaklyUp", "Up", "Leaving", "Exiting", "Down", "Removed");

  private ClusterWatch() {}

  /** The gauges, registered once per node (a restarted watch keeps setting the same ones). */
  public record Gauges(Map<String, AtomicInteger> byStatus, AtomicInteger unreachable) {

    public static Gauges register(MeterRegistry registry) {
      Map<String, AtomicInteger> byStatus = new LinkedHashMap<>();
      for (String status : STATUSES) {
        AtomicInteger count = new AtomicInteger();
        Gauge.builder("nexus.cluster.members", count, AtomicInteger::get)
            .description("Members this node sees, by membership status")
            .tag("status", status)
            .register(registry);
        byStatus.put(status, count);
      }
      AtomicInteger unreachable = new AtomicInteger();
      Gauge.builder("nexus.cluster.unreachable.members", unreachable, AtomicInteger::get)
          .description("Members this node's failure detector cannot reach")
          .register(registry);
      return new Gauges(Map.copyOf(byStatus), unreachable);
    }
  }

  public static Behavior<ClusterEvent.ClusterDomainEvent> create(ClusterMembers members, ActorRef<StatusBoard.Command> board, Gauges gauges) {
    return Behaviors.setup(
        context -> {
          Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(context.getSelf(), ClusterEvent.ClusterDomainEvent.class));
          report(members, board, gauges);
          return Behaviors.receiveMessage(
              event -> {
                report(members, board, gauges);
                return Behaviors.same();
              });
        });
  }

  private static void report(ClusterMembers members, ActorRef<StatusBoard.Command> board, Gauges gauges) {
    ClusterView view = members.view().orElseThrow();
    Map<String, Long> counts = view.members().stream().collect(Collectors.groupingBy(ClusterView.Member::status, Collectors.counting()));
    gauges.byStatus().forEach((status, count) -> count.set(counts.getOrDefault(status, 0L).intValue()));
    int away = (int) view.members().stream().filter(member -> !member.reachable()).count();
    gauges.unreachable().set(away);
    String detail =
        view.self()
            + view.members().stream()
                .filter(member -> member.address().equals(view.self()))
                .findFirst()
                .map(self -> " is " + self.status())
                .orElse(" has not joined yet")
            + "; " + view.members().size() + " members "
            + counts + ", " + away + " unreachable, leader " + (view.leader() == null ? "none" : view.leader());
    board.tell(new StatusBoard.ComponentUpdated(COMPONENT, members.selfUp(), detail));
  }
}
