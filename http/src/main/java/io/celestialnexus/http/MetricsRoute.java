package io.celestialnexus.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /metrics}: the Prometheus text exposition of every meter the node has (read scope; a Prometheus
 * on the same host scrapes without a key while {@code anonymous-read = loopback}). */
public final class MetricsRoute extends AllDirectives {

  private static final ContentType.WithCharset PROMETHEUS_TEXT =
      MediaTypes.customWithOpenCharset("text", "plain", Map.of("version", "0.0.4"), false)
          .toContentType(HttpCharsets.UTF_8);

  private final PrometheusMeterRegistry registry;
  private final HttpMetrics metrics;
  private final ApiKeyAuth auth;

  public MetricsRoute(PrometheusMeterRegistry registry, HttpMetrics metrics, ApiKeyAuth auth) {
    this.registry = registry;
    this.metrics = metrics;
    this.auth = auth;
  }

  public Route route() {
    var scrape = metrics.template("/metrics");
    return path("metrics", () -> scrape.measure(() -> get(() -> auth.read(() -> complete(HttpEntities.create(PROMETHEUS_TEXT, registry.scrape()))))));
  }
}
