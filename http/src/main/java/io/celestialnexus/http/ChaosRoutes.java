package io.celestialnexus.http;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.celestialnexus.engine.chaos.Assault;
import io.celestialnexus.engine.chaos.ChaosAssaults;
import java.util.Locale;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import io.celestialnexus.http.access.Scope;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST|DELETE /api/chaos/tasks/{name}} (admin scope) and {@code GET /api/chaos}. Only mounted when chaos is
 * enabled; otherwise these paths are as absent as any other (404).
 */
public final class ChaosRoutes extends AllDirectives {

  /** The request body: {"assault": "exception" | "hang" | "latency", "count": N, "latencyMs": M}. */
  public record AssaultRequest(String assault, Integer count, Long latencyMs) {

    Assault toAssault() {
      if (assault == null) {
        throw new IllegalArgumentException("assault is required: exception, hang or latency");
      }
      Assault.Kind kind;
      try {
        kind = Assault.Kind.valueOf(assault.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("assault must be exception, hang or latency, was '" + assault + "'");
      }
      return new Assault(kind, count == null ? 1 : count, latencyMs == null ? 0 : latencyMs);
    }
  }

  private final ChaosAssaults assaults;
  private final HttpMetrics metrics;
  private final ApiKeyAuth auth;

  public ChaosRoutes(ChaosAssaults assaults, HttpMetrics metrics, ApiKeyAuth auth) {
    this.assaults = assaults;
    this.metrics = metrics;
    this.auth = auth;
  }

  public Route route() {
    var book = metrics.template("/api/chaos");
    var taskAssaults = metrics.template("/api/chaos/tasks/{name}");
    return pathPrefix(
        "api",
        () ->
            pathPrefix(
                "chaos",
                () ->
                    concat(
                        pathEnd(() -> book.measure(() -> get(() -> auth.read(() -> complete(StatusCodes.OK, assaults.list(), Json.marshaller()))))),
                        path(
                            segment("tasks").slash(segment()),
                            task ->
                                taskAssaults.measure(
                                    () ->
                                        concat(
                                            post(() -> auth.require(Scope.ADMIN, () -> inject(task))),
                                            delete(() -> auth.require(Scope.ADMIN, () -> clear(task)))))))));
  }

  private Route inject(String task) {
    return entity(
        Json.unmarshaller(AssaultRequest.class),
        request -> {
          Assault assault;
          try {
            assault = request.toAssault();
          } catch (IllegalArgumentException e) {
            return ApiErrors.respond(StatusCodes.BAD_REQUEST, "bad assault", e.getMessage());
          }
          return complete(StatusCodes.ACCEPTED, assaults.inject(task, assault), Json.marshaller());
        });
  }

  private Route clear(String task) {
    return complete(StatusCodes.OK, Map.of("task", task, "cleared", assaults.clear(task)), Json.marshaller());
  }
}
