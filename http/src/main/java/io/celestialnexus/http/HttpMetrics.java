package io.celestialnexus.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
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

  /** Where the routes register their own meters. */
  public MeterRegistry registry() {
    return registry;
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

  /**
   * A declared route template; {@link #measure} wraps the route built for one request. Its timers are kept per
   * method and status, so a request costs a map lookup, not a registry lookup.
   */
  public final class Template {
    private final String name;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    private Template(String name) {
      this.name = name;
    }

    public Route measure(Supplier<Route> inner) {
      return extractRequest(
          request -> {
            long start = System.nanoTime();
            return mapResponse(
                response -> {
                  timer(request.method().name(), response.status().intValue()).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                  return response;
                },
                () -> inner.get().seal(ApiErrors.rejections(), ApiErrors.exceptions()));
          });
    }

    private Timer timer(String method, int status) {
      return timers.computeIfAbsent(
          method + ' ' + status,
          key ->
              Timer.builder(REQUESTS)
                  .description("HTTP requests by route template, method and status")
                  .tags("route", name, "method", method, "status", Integer.toString(status))
                  .publishPercentileHistogram()
                  .register(registry));
    }
  }
}
