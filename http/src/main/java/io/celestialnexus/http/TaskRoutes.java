package io.celestialnexus.http;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.celestialnexus.engine.status.StatusPort;
import io.celestialnexus.engine.status.TaskReport;
import io.celestialnexus.engine.task.LifecycleEvent;
import io.celestialnexus.engine.task.TaskControl;
import io.celestialnexus.engine.task.TaskSupervisor;
import java.util.List;
import java.util.Locale;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import io.celestialnexus.http.access.Scope;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/tasks}, {@code GET /api/tasks/{name}} (status and lifecycle timeline), {@code GET
 * /api/tasks/{name}/events?since=ms} and {@code POST /api/tasks/{name}/restart|pause|resume|run} (operate scope). Writes
 * answer with the task's status after the action took effect.
 */
public final class TaskRoutes extends AllDirectives {

  private final StatusPort status;
  private final TaskControl tasks;
  private final HttpMetrics metrics;
  private final ApiKeyAuth auth;

  public TaskRoutes(StatusPort status, TaskControl tasks, HttpMetrics metrics, ApiKeyAuth auth) {
    this.status = status;
    this.tasks = tasks;
    this.metrics = metrics;
    this.auth = auth;
  }

  public Route route() {
    var allTasks = metrics.template("/api/tasks");
    var oneTask = metrics.template("/api/tasks/{name}");
    var taskEvents = metrics.template("/api/tasks/{name}/events");
    var taskAction = metrics.template("/api/tasks/{name}/{action}");
    return pathPrefix(
        "api",
        () ->
            pathPrefix(
                "tasks",
                () ->
                    concat(
                        pathEnd(() -> allTasks.measure(() -> get(() -> auth.read(this::list)))),
                        path(segment(), name -> oneTask.measure(() -> get(() -> auth.read(() -> one(name))))),
                        path(
                            segment().slash("events"),
                            name -> taskEvents.measure(() -> get(() -> auth.read(() -> events(name))))),
                        path(
                            segment().slash(segment()),
                            (name, action) ->
                                taskAction.measure(() -> post(() -> auth.require(Scope.OPERATE, () -> control(name, action))))))));
  }

  private Route list() {
    return onSuccess(status.snapshot(), snapshot -> complete(StatusCodes.OK, snapshot.tasks(), Json.marshaller()));
  }

  /** A task's status with its recent lifecycle events (the timeline), newest last. */
  public record TaskDetail(@JsonUnwrapped TaskReport task, List<LifecycleEvent> events) {}

  private Route one(String name) {
    return onSuccess(
        status.snapshot(),
        snapshot ->
            snapshot
                .task(name)
                .<Route>map(
                    task ->
                        onSuccess(
                            tasks.timeline(name, Long.MIN_VALUE),
                            events -> complete(StatusCodes.OK, new TaskDetail(task, events), Json.marshaller())))
                .orElseGet(() -> ApiErrors.notFound("no task named '" + name + "'")));
  }

  /** {@code ?since=<epoch ms>} keeps only events stamped after it. */
  private Route events(String name) {
    return parameterOptional(
        "since",
        since -> {
          long after;
          try {
            after = since.map(Long::parseLong).orElse(Long.MIN_VALUE);
          } catch (NumberFormatException e) {
            return ApiErrors.respond(StatusCodes.BAD_REQUEST, "bad since", "since must be epoch milliseconds, was '" + since.get() + "'");
          }
          return onSuccess(tasks.timeline(name, after), events -> complete(StatusCodes.OK, events, Json.marshaller()));
        });
  }

  private Route control(String name, String action) {
    TaskSupervisor.Action parsed;
    try {
      parsed = TaskSupervisor.Action.valueOf(action.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return ApiErrors.notFound("unknown action '" + action + "'; use restart, pause, resume or run");
    }
    return onSuccess(tasks.control(name, parsed), status -> complete(StatusCodes.OK, status, Json.marshaller()));
  }
}
