package io.celestialnexus.http;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.celestialnexus.engine.task.TaskSupervisor;
import java.util.Locale;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/tasks}, {@code GET /api/tasks/{name}} and {@code POST /api/tasks/{name}/restart|pause|resume}
 * (API key). Writes answer with the task's status after the action took effect.
 */
public final class TaskRoutes extends AllDirectives {

  private final EngineGateway engine;
  private final HttpMetrics metrics;
  private final ApiKeyAuth auth;

  public TaskRoutes(EngineGateway engine, HttpMetrics metrics, ApiKeyAuth auth) {
    this.engine = engine;
    this.metrics = metrics;
    this.auth = auth;
  }

  public Route route() {
    return pathPrefix(
        "api",
        () ->
            pathPrefix(
                "tasks",
                () ->
                    concat(
                        pathEnd(() -> metrics.measured("/api/tasks", () -> get(this::list))),
                        path(segment(), name -> metrics.measured("/api/tasks/{name}", () -> get(() -> one(name)))),
                        path(
                            segment().slash(segment()),
                            (name, action) ->
                                metrics.measured(
                                    "/api/tasks/{name}/{action}",
                                    () -> post(() -> auth.requireKey(() -> control(name, action))))))));
  }

  private Route list() {
    return onSuccess(engine.status(), snapshot -> complete(StatusCodes.OK, snapshot.tasks(), Json.marshaller()));
  }

  private Route one(String name) {
    return onSuccess(
        engine.status(),
        snapshot ->
            snapshot
                .task(name)
                .<Route>map(task -> complete(StatusCodes.OK, task, Json.marshaller()))
                .orElseGet(() -> ApiErrors.notFound("no task named '" + name + "'")));
  }

  private Route control(String name, String action) {
    TaskSupervisor.Action parsed;
    try {
      parsed = TaskSupervisor.Action.valueOf(action.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return ApiErrors.notFound("unknown action '" + action + "'; use restart, pause or resume");
    }
    return onSuccess(engine.control(name, parsed), status -> complete(StatusCodes.OK, status, Json.marshaller()));
  }
}
