package io.celestialnexus.http;

import static org.apache.pekko.http.javadsl.server.PathMatchers.integerSegment;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.celestialnexus.engine.ssq.evaluation.EvaluationJson;
import io.celestialnexus.engine.ssq.evaluation.EvaluationMarkdown;
import io.celestialnexus.engine.ssq.evaluation.EvaluationReport;
import io.celestialnexus.engine.ssq.loop.PredictionService;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import io.celestialnexus.http.access.Scope;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The SSQ prediction loop over HTTP: predictions by issue, the strategy weights (live, history, rollback), AutoRL
 * decisions, the strategies, the honest evaluation (JSON or Markdown), charts, and manual tuner/AutoRL runs. Reads need the read scope (loopback callers
 * may read without a key), runs the operate scope, a rollback the admin scope. The loop not answering yet is a 503; a request it refuses (say, a version it cannot restore)
 * a 400 with its reason.
 */
public final class SsqRoutes extends AllDirectives {

  static final int MAX_LIMIT = 500;
  private static final int DEFAULT_HISTORY_LIMIT = 100;
  private static final int DEFAULT_DECISIONS_LIMIT = 20;
  // the reason is journaled with the new version: keep it a sentence, not a document
  private static final int MAX_REASON_LENGTH = 500;
  private static final String DEFAULT_REASON = "rolled back through the API";
  private static final ContentType PNG = ContentTypes.create(MediaTypes.IMAGE_PNG);

  /** A rollback as posted: {@code {"version": 12, "reason": "v13 overfits"}}; the reason is optional. */
  public record RollbackInput(Integer version, String reason) {}

  /** A 404 for an unknown chart: an {@link ApiError} plus the charts there are. */
  public record UnknownChart(String error, String detail, List<String> charts) {}

  /** The renderings of the evaluation report. */
  private enum ReportFormat {
    JSON(ContentTypes.APPLICATION_JSON, EvaluationJson::render),
    MD(MediaTypes.TEXT_MARKDOWN.toContentType(HttpCharsets.UTF_8), EvaluationMarkdown::render);

    private final ContentType.NonBinary contentType;
    private final Function<EvaluationReport, String> renderer;

    ReportFormat(ContentType.NonBinary contentType, Function<EvaluationReport, String> renderer) {
      this.contentType = contentType;
      this.renderer = renderer;
    }

    static Optional<ReportFormat> named(String name) {
      try {
        return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
  }

  private final PredictionService predictions;
  private final HttpMetrics metrics;
  private final ApiKeyAuth auth;

  public SsqRoutes(PredictionService predictions, HttpMetrics metrics, ApiKeyAuth auth) {
    this.predictions = predictions;
    this.metrics = metrics;
    this.auth = auth;
  }

  public Route route() {
    var latest = metrics.template("/api/predictions/latest");
    var onePrediction = metrics.template("/api/predictions/{issue}");
    var weights = metrics.template("/api/weights");
    var history = metrics.template("/api/weights/history");
    var rollback = metrics.template("/api/weights/rollback");
    var decisions = metrics.template("/api/autorl/decisions");
    var autoRlRun = metrics.template("/api/autorl/run");
    var strategies = metrics.template("/api/strategies");
    var tunerRun = metrics.template("/api/tuner/run");
    var evaluation = metrics.template("/api/evaluation");
    var chart = metrics.template("/api/charts/{name}.png");
    return pathPrefix(
        "api",
        () ->
            concat(
                pathPrefix(
                    "predictions",
                    () ->
                        concat(
                            path("latest", () -> latest.measure(() -> get(() -> auth.read(this::latest)))),
                            path(integerSegment(), issue -> onePrediction.measure(() -> get(() -> auth.read(() -> prediction(issue))))))),
                pathPrefix(
                    "weights",
                    () ->
                        concat(
                            pathEnd(() -> weights.measure(() -> get(() -> auth.read(() -> ok(predictions.weights()))))),
                            path("history", () -> history.measure(() -> get(() -> auth.read(this::history)))),
                            path("rollback", () -> rollback.measure(() -> post(() -> auth.require(Scope.ADMIN, this::rollBack)))))),
                pathPrefix(
                    "autorl",
                    () ->
                        concat(
                            path("decisions", () -> decisions.measure(() -> get(() -> auth.read(this::decisions)))),
                            path("run", () -> autoRlRun.measure(() -> post(() -> auth.require(Scope.OPERATE, () -> accepted(predictions.runAutoRl()))))))),
                path("strategies", () -> strategies.measure(() -> get(() -> auth.read(() -> ok(predictions.strategies()))))),
                path(segment("tuner").slash("run"), () -> tunerRun.measure(() -> post(() -> auth.require(Scope.OPERATE, () -> accepted(predictions.runTuner()))))),
                path("evaluation", () -> evaluation.measure(() -> get(() -> auth.read(this::evaluation)))),
                path(segment("charts").slash(segment()), file -> chart.measure(() -> get(() -> auth.read(() -> chart(file)))))));
  }

  private Route latest() {
    return onSuccess(
        asked(predictions.latestPrediction()),
        found ->
            found
                .<Route>map(record -> complete(StatusCodes.OK, PredictionView.of(record), Json.marshaller()))
                .orElseGet(() -> ApiErrors.notFound("no prediction has been made yet")));
  }

  private Route prediction(int issue) {
    return onSuccess(
        asked(predictions.prediction(issue)),
        found ->
            found
                .<Route>map(record -> complete(StatusCodes.OK, PredictionView.of(record), Json.marshaller()))
                .orElseGet(() -> ApiErrors.notFound("no prediction for issue " + issue)));
  }

  private Route history() {
    return parameterOptional(
        "from",
        fromText ->
            parameterOptional(
                "limit",
                limitText -> {
                  Optional<Integer> from = number(fromText, 0, 0, Integer.MAX_VALUE);
                  Optional<Integer> limit = number(limitText, DEFAULT_HISTORY_LIMIT, 1, MAX_LIMIT);
                  if (from.isEmpty()) {
                    return badRequest("from must be a whole number >= 0 (a weights version)");
                  }
                  if (limit.isEmpty()) {
                    return badRequest("limit must be a whole number within 1.." + MAX_LIMIT);
                  }
                  return ok(predictions.weightsHistory(from.get(), limit.get()));
                }));
  }

  private Route rollBack() {
    return entity(
        Json.unmarshaller(RollbackInput.class),
        input -> {
          if (input.version() == null || input.version() < 0) {
            return badRequest("a rollback needs {\"version\": n}, the weights version (>= 0) to restore, and may give a \"reason\"");
          }
          if (input.reason() != null && input.reason().length() > MAX_REASON_LENGTH) {
            return badRequest("reason must be at most " + MAX_REASON_LENGTH + " characters");
          }
          String reason = input.reason() == null || input.reason().isBlank() ? DEFAULT_REASON : input.reason();
          return onSuccess(
              PendingWrites.orUnconfirmed(asked(predictions.rollBack(input.version(), reason))),
              confirmed ->
                  confirmed
                      .<Route>map(version -> complete(StatusCodes.OK, version, Json.marshaller()))
                      .orElseGet(
                          () ->
                              PendingWrites.accepted(
                                  metrics.registry(),
                                  "/api/weights/rollback",
                                  "/api/weights",
                                  "the journal did not confirm the rollback in time: it may be applied later (when the journal is"
                                      + " back) or not at all. GET the location (the live weights and their version) before asking"
                                      + " again: a second rollback is a new version")));
        });
  }

  private Route decisions() {
    return parameterOptional(
        "limit",
        limitText -> {
          Optional<Integer> limit = number(limitText, DEFAULT_DECISIONS_LIMIT, 1, MAX_LIMIT);
          if (limit.isEmpty()) {
            return badRequest("limit must be a whole number within 1.." + MAX_LIMIT);
          }
          return ok(predictions.decisions(limit.get()));
        });
  }

  private Route evaluation() {
    return parameterOptional(
        "window",
        windowText ->
            parameterOptional(
                "format",
                formatText -> {
                  Optional<Integer> window = number(windowText, 0, 0, Integer.MAX_VALUE);
                  Optional<ReportFormat> format = ReportFormat.named(formatText.orElse("json"));
                  if (window.isEmpty()) {
                    return badRequest("window must be a whole number >= 0, the reviewed draws to evaluate (0 = all)");
                  }
                  if (format.isEmpty()) {
                    return badRequest("format must be json or md");
                  }
                  return onSuccess(
                      asked(predictions.evaluation(window.get())),
                      report -> completeText(format.get().contentType, format.get().renderer.apply(report)));
                }));
  }

  private Route chart(String file) {
    String name = file.endsWith(".png") ? file.substring(0, file.length() - ".png".length()) : "";
    if (!PredictionService.CHARTS.contains(name)) {
      List<String> known = PredictionService.CHARTS.stream().map(chart -> chart + ".png").toList();
      return complete(
          StatusCodes.NOT_FOUND,
          new UnknownChart("not found", "no chart '" + file + "'; the charts are " + String.join(", ", known), known),
          Json.marshaller());
    }
    return onSuccess(asked(predictions.chart(name)), png -> complete(HttpResponse.create().withEntity(HttpEntities.create(PNG, png))));
  }

  private <T> Route ok(CompletionStage<T> answer) {
    return onSuccess(asked(answer), value -> complete(StatusCodes.OK, value, Json.marshaller()));
  }

  /** A run was asked of a task: it happens later, so 202. */
  private Route accepted(CompletionStage<PredictionService.Triggered> answer) {
    return onSuccess(asked(answer), triggered -> complete(StatusCodes.ACCEPTED, triggered, Json.marshaller()));
  }

  private Route completeText(ContentType.NonBinary contentType, String body) {
    return complete(HttpResponse.create().withEntity(HttpEntities.create(contentType, body)));
  }

  private static Route badRequest(String detail) {
    return ApiErrors.respond(StatusCodes.BAD_REQUEST, "bad request", detail);
  }

  /**
   * The service's answer, with the requests it refuses (its IllegalArgumentException) marked as such. Only the
   * mark makes a 400 carrying the message (see {@link ApiErrors}): an IllegalArgumentException thrown anywhere
   * else is a bug, and must stay a 500 that names no internals.
   */
  static <T> CompletionStage<T> asked(CompletionStage<T> answer) {
    return answer.exceptionally(
        failure -> {
          Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
          if (cause instanceof IllegalArgumentException refusal) {
            throw new RejectedByLoop(refusal);
          }
          throw failure instanceof CompletionException wrapped ? wrapped : new CompletionException(cause);
        });
  }

  /** A whole-number query parameter within {@code min..max}, {@code absent} when not given; empty when it is neither. */
  private static Optional<Integer> number(Optional<String> text, int absent, int min, int max) {
    if (text.isEmpty()) {
      return Optional.of(absent);
    }
    try {
      int value = Integer.parseInt(text.get());
      return value >= min && value <= max ? Optional.of(value) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
