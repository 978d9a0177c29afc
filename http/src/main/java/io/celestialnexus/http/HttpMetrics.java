package io.celestialnexus.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Times every request by route template, method and status ({@code http_server_requests_seconds}). The
 * route passed in is sealed here, so a rejection inside it (405, 401) is answered, and counted, under the
 * route's own template; the template keeps the tag bounded whatever paths clients send.
 */
public final class HttpMetrics extends AllDirectives {

  public static final String REQUESTS = "http.server.requests";

  private final MeterRegistry registry;
  private final Set<String> templates = new ConcurrentSkipListSet<>();

  public HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Every route template measured so far: the routes a listener serves, for checking the API description. */
  public Set<String> templates() {
    return Set.copyOf(templates);
  }

  /**
   * Declares a route template when the route tree is built. pekko-http builds inner routes per request, so
   * declaring up front is what lets {@link #templates()} list every route before any request arrives.
   */
  public Template template(String routeTemplate) {
    templates.add(routeTemplate);
    return new Template(routeTemplate);
  }

  /** A declared route template; {@link #measure} wraps the route built for one request. */
  public final class Template {
    private final String name;

    private Template(String name) {
      this.name = name;
    }

    public Route measure(Supplier<Route> inner) {
      return measured(name, inner);
    }
  }

  private Route measured(String routeTemplate, Supplier<Route> inner) {
    return extractRequest(
        request -> {
          long start = System.nanoTime();
          return mapResponse(
              response -> {
                Timer.builder(REQUESTS)
                    .description("HTTP requests by route template, method and status")
                    .tags("route", routeTemplate, "method", request.method().name(), "status", Integer.toString(response.status().intValue()))
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
                return response;
              },
              () -> inner.get().seal(ApiErrors.rejections(), ApiErrors.exceptions()));
        });
  }
}
