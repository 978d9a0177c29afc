package io.celestialnexus.http;

import io.celestialnexus.engine.status.ComponentStatus;
import io.celestialnexus.engine.status.Health;
import io.celestialnexus.engine.status.StatusPort;
import io.celestialnexus.engine.status.StatusSnapshot;
import io.celestialnexus.engine.status.TaskReport;
import io.celestialnexus.engine.status.TaskState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /health} (overall), {@code /health/live} (the engine answers), {@code /health/ready} (every task has
 * started and storage is up: Kubernetes' readiness), and {@code /status}, the full status document. The health
 * routes answer anyone (probes have no key); {@code /status} needs the read scope.
 */
public final class HealthRoutes extends AllDirectives {

  /** One part of the node that is not PASS, with why. */
  public record Part(String name, String state, String detail) {}

  public record Up(String status, String health, List<Part> degraded) {}

  public record Down(String status, String health, List<Part> failing) {}

  public record NotReady(String status, List<Part> waitingFor) {}

  private final StatusPort status;
  private final HttpMetrics metrics;
  private final ApiKeyAuth auth;

  public HealthRoutes(StatusPort status, HttpMetrics metrics, ApiKeyAuth auth) {
    this.status = status;
    this.metrics = metrics;
    this.auth = auth;
  }

  public Route route() {
    var overall = metrics.template("/health");
    var live = metrics.template("/health/live");
    var ready = metrics.template("/health/ready");
    var document = metrics.template("/status");
    return concat(
        pathPrefix(
            "health",
            () ->
                concat(
                    pathEnd(() -> overall.measure(() -> get(this::health))),
                    path("live", () -> live.measure(() -> get(this::live))),
                    path("ready", () -> ready.measure(() -> get(this::ready))))),
        path("status", () -> document.measure(() -> get(() -> auth.read(() -> onSuccess(status.snapshot(), this::document))))));
  }

  private Route document(StatusSnapshot snapshot) {
    return complete(StatusCodes.OK, snapshot, Json.marshaller());
  }

  private Route health() {
    return onSuccess(
        status.snapshot(),
        snapshot -> {
          if (snapshot.health() == Health.FAIL) {
            return complete(
                StatusCodes.SERVICE_UNAVAILABLE,
                new Down("DOWN", snapshot.health().name(), notPassing(snapshot)),
                Json.marshaller());
          }
          return complete(
              StatusCodes.OK, new Up("UP", snapshot.health().name(), notPassing(snapshot)), Json.marshaller());
        });
  }

  /** Live as long as the engine's actors answer at all; a timeout is 503. */
  private Route live() {
    return onComplete(
        status.snapshot(),
        answer ->
            answer.isSuccess()
                ? complete(StatusCodes.OK, Map.of("status", "UP"), Json.marshaller())
                : complete(
                    StatusCodes.SERVICE_UNAVAILABLE,
                    new ApiError("not live", "the engine did not answer: " + answer.failed().get().getMessage()),
                    Json.marshaller()));
  }

  private Route ready() {
    return onSuccess(
        status.snapshot(),
        snapshot -> {
          if (snapshot.ready()) {
            return complete(StatusCodes.OK, Map.of("status", "READY"), Json.marshaller());
          }
          List<Part> waiting = new ArrayList<>();
          for (TaskReport task : snapshot.tasks()) {
            if (!task.status().started()) {
              waiting.add(new Part("task:" + task.status().name(), task.status().state().name(), "no step started yet"));
            }
          }
          for (ComponentStatus component : snapshot.components()) {
            if (!component.up()) {
              waiting.add(new Part(component.name(), "DOWN", component.detail()));
            }
          }
          return complete(StatusCodes.SERVICE_UNAVAILABLE, new NotReady("NOT_READY", waiting), Json.marshaller());
        });
  }

  /** Every task not RUNNING/PAUSED and every component down, with the reason status knows. */
  private static List<Part> notPassing(StatusSnapshot snapshot) {
    List<Part> parts = new ArrayList<>();
    for (TaskReport report : snapshot.tasks()) {
      TaskState state = report.status().state();
      if (state != TaskState.RUNNING && state != TaskState.PAUSED) {
        var error = report.status().lastError();
        parts.add(new Part("task:" + report.status().name(), state.name(), error == null ? null : error.type() + ": " + error.message()));
      }
    }
    for (ComponentStatus component : snapshot.components()) {
      if (!component.up()) {
        parts.add(new Part(component.name(), "DOWN", component.detail()));
      }
    }
    return parts;
  }
}
