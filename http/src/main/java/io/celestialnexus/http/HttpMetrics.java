package io.celestialnexus.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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

  public HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public Route measured(String routeTemplate, Supplier<Route> inner) {
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
