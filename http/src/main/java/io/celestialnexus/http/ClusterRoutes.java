package io.celestialnexus.http;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.celestialnexus.engine.cluster.ClusterPort;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/cluster} (read scope): this node's view of the cluster (self, leader, members with status, roles
 * and reachability, where the singletons run); 404 on a node that runs alone.
 */
final class ClusterRoutes extends AllDirectives {

  private final ClusterPort cluster;
  private final HttpMetrics metrics;
  private final ApiKeyAuth auth;

  ClusterRoutes(ClusterPort cluster, HttpMetrics metrics, ApiKeyAuth auth) {
    this.cluster = cluster;
    this.metrics = metrics;
    this.auth = auth;
  }

  Route route() {
    var template = metrics.template("/api/cluster");
    return path(segment("api").slash("cluster"), () -> template.measure(() -> get(() -> auth.read(this::view))));
  }

  private Route view() {
    return cluster
        .view()
        .<Route>map(view -> complete(StatusCodes.OK, view, Json.marshaller()))
        .orElseGet(() -> ApiErrors.notFound("this node runs alone: the cluster is off (nexus.cluster.enabled, NEXUS_CLUSTER_ENABLED)"));
  }
}
