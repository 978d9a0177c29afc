package io.celestialnexus.http;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.celestialnexus.http.access.KeyRing;
import io.celestialnexus.http.access.Scope;
import java.util.List;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/keys} (admin scope): the keys this node accepts, by name and scope, so an operator rotating keys can
 * see which are configured. Only names and scopes: neither a secret nor its digest ever leaves the node.
 */
final class KeyRoutes extends AllDirectives {

  /** One accepted key as listed. */
  record KeyView(String name, String scope) {}

  private final List<KeyView> keys;
  private final HttpMetrics metrics;
  private final ApiKeyAuth auth;

  KeyRoutes(KeyRing ring, HttpMetrics metrics, ApiKeyAuth auth) {
    this.keys = ring.keys().stream().map(key -> new KeyView(key.name(), key.scope().label())).toList();
    this.metrics = metrics;
    this.auth = auth;
  }

  Route route() {
    var template = metrics.template("/api/keys");
    return path(
        segment("api").slash("keys"),
        () -> template.measure(() -> get(() -> auth.require(Scope.ADMIN, () -> complete(StatusCodes.OK, keys, Json.marshaller())))));
  }
}
