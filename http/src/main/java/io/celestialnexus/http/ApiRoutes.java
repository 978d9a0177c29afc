package io.celestialnexus.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** Everything the {@code api} listener serves; anything else is a JSON 404 (also measured). */
public final class ApiRoutes extends AllDirectives {

  private final Route route;

  public ApiRoutes(EngineGateway engine, HttpSettings settings, PrometheusMeterRegistry registry) {
    var metrics = new HttpMetrics(registry);
    var auth = new ApiKeyAuth(settings.apiKey());
    this.route =
        concat(
            new HealthRoutes(engine, metrics).route(),
            new TaskRoutes(engine, metrics, auth).route(),
            new DrawRoutes(engine, metrics, auth, registry).route(),
            new MetricsRoute(registry, metrics).route(),
            metrics.measured(
                "unmatched",
                () -> extractUri(uri -> ApiErrors.notFound("nothing is served at " + uri.path()))));
  }

  public Route route() {
    return route;
  }
}
