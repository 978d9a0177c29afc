package io.celestialnexus.http;

import static org.apache.pekko.http.javadsl.server.PathMatchers.integerSegment;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.state.DrawStore;
import io.celestialnexus.engine.ssq.state.HistoryImport;
import io.celestialnexus.engine.ssq.state.RecordedDraw;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import io.celestialnexus.http.access.Scope;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * The draw history: {@code GET /api/draws} (paged, newest first), {@code GET /api/draws/{issue}},
 * {@code POST /api/draws} (one draw, operate scope) and {@code POST /api/draws/import} (a history CSV, operate scope).
 * Invalid input is a 400 naming the problem, a draw that differs from the recorded one a 409, an import with
 * rejected rows (all-or-nothing unless {@code skipInvalid=true}) a 422 listing them as {@code line N: reason}. A write
 * the journal did not confirm in time is a 202 PENDING ({@link PendingWrites}); repeating it is safe.
 */
public final class DrawRoutes extends AllDirectives {

  static final int MAX_LIMIT = 500;
  private static final int DEFAULT_LIMIT = 50;

  /** A draw as posted: {@code {"issue":2026097,"date":"2026-08-20","reds":[1,2,3,4,5,6],"blue":7}}. */
  public record DrawInput(Integer issue, String date, List<Integer> reds, Integer blue) {}

  /** A draw as served, with where it came from. */
  public record DrawView(int issue, LocalDate date, List<Integer> reds, int blue, String source) {
    static DrawView of(RecordedDraw recorded) {
      Draw draw = recorded.draw();
      return new DrawView(draw.issue(), draw.date(), draw.reds(), draw.blue(), recorded.source());
    }
  }

  public record Page(int total, int offset, int limit, List<DrawView> draws) {}

  /** The answer to a posted draw: stored now ({@code added}) or already recorded exactly so. */
  public record Posted(boolean added, DrawView draw) {}

  private final DrawStore draws;
  private final HttpMetrics metrics;
  private final ApiKeyAuth auth;
  private final MeterRegistry registry;
  private final HistoryImport importer;

  public DrawRoutes(DrawStore draws, HttpMetrics metrics, ApiKeyAuth auth, MeterRegistry registry) {
    this.draws = draws;
    this.metrics = metrics;
    this.auth = auth;
    this.registry = registry;
    this.importer = new HistoryImport(registry);
  }

  public Route route() {
    var allDraws = metrics.template("/api/draws");
    var upload = metrics.template("/api/draws/import");
    var oneDraw = metrics.template("/api/draws/{issue}");
    return pathPrefix(
        "api",
        () ->
            pathPrefix(
                "draws",
                () ->
                    concat(
                        pathEnd(() -> allDraws.measure(() -> concat(get(() -> auth.read(this::page)), post(() -> auth.require(Scope.OPERATE, this::add))))),
                        path("import", () -> upload.measure(() -> post(() -> auth.require(Scope.OPERATE, this::importCsv)))),
                        path(integerSegment(), issue -> oneDraw.measure(() -> get(() -> auth.read(() -> one(issue))))))));
  }

  private Route page() {
    return parameterOptional(
        "offset",
        offsetText ->
            parameterOptional(
                "limit",
                limitText -> {
                  Optional<Integer> offset = number(offsetText, 0);
                  Optional<Integer> limit = number(limitText, DEFAULT_LIMIT);
                  if (offset.isEmpty() || offset.get() < 0) {
                    return ApiErrors.respond(StatusCodes.BAD_REQUEST, "bad request", "offset must be a whole number >= 0");
                  }
                  if (limit.isEmpty() || limit.get() < 1 || limit.get() > MAX_LIMIT) {
                    return ApiErrors.respond(StatusCodes.BAD_REQUEST, "bad request", "limit must be a whole number within 1.." + MAX_LIMIT);
                  }
                  return onSuccess(
                      draws.page(offset.get(), limit.get()),
                      page ->
                          complete(
                              StatusCodes.OK,
                              new Page(page.total(), page.offset(), page.limit(), page.draws().stream().map(DrawView::of).toList()),
                              Json.marshaller()));
                }));
  }

  private Route one(int issue) {
    return onSuccess(
        draws.draw(issue),
        lookup ->
            lookup
                .draw()
                .<Route>map(draw -> complete(StatusCodes.OK, DrawView.of(draw), Json.marshaller()))
                .orElseGet(() -> ApiErrors.notFound("no draw with issue " + issue)));
  }

  private Route add() {
    return entity(
        Json.unmarshaller(DrawInput.class),
        input -> {
          Draw draw;
          try {
            draw = toDraw(input);
          } catch (IllegalArgumentException e) {
            HistoryImport.countRejected(registry, "api", "invalid", 1);
            return ApiErrors.respond(StatusCodes.BAD_REQUEST, "invalid draw", e.getMessage());
          }
          return onSuccess(
              PendingWrites.orUnconfirmed(draws.record(List.of(draw), "api", true)),
              confirmed -> {
                if (confirmed.isEmpty()) {
                  return PendingWrites.accepted(
                      registry,
                      "/api/draws",
                      "/api/draws/" + draw.issue(),
                      "the journal did not confirm the draw in time: it may be stored later (a write handed to the engine"
                          + " during an outage is applied when the journal is back) or not at all. GET the location to see;"
                          + " posting the same draw again is safe (recording is idempotent by issue)");
                }
                var recorded = confirmed.get();
                if (!recorded.conflicts().isEmpty()) {
                  HistoryImport.countRejected(registry, "api", "conflict", 1);
                  return ApiErrors.respond(StatusCodes.CONFLICT, "conflict", recorded.conflicts().get(0).reason());
                }
                boolean added = !recorded.added().isEmpty();
                HistoryImport.countRecorded(registry, "api", added ? 1 : 0);
                return complete(
                    added ? StatusCodes.CREATED : StatusCodes.OK,
                    new Posted(added, DrawView.of(new RecordedDraw(draw, "api"))),
                    Json.marshaller());
              });
        });
  }

  private Route importCsv() {
    return parameterOptional(
        "skipInvalid",
        skip ->
            entity(
                Unmarshaller.entityToString(),
                csv ->
                    onSuccess(
                        PendingWrites.orUnconfirmed(
                            importer.run(csv, skip.map(Boolean::parseBoolean).orElse(false), "import", draws.recorder("import"))),
                        confirmed ->
                            confirmed
                                .<Route>map(report -> complete(report.applied() ? StatusCodes.OK : StatusCodes.UNPROCESSABLE_CONTENT, report, Json.marshaller()))
                                .orElseGet(
                                    () ->
                                        PendingWrites.accepted(
                                            registry,
                                            "/api/draws/import",
                                            "/api/draws",
                                            "the journal did not confirm the import in time: it may be stored later or not at all."
                                                + " Importing the same file again is safe: draws already recorded are reported"
                                                + " unchanged")))));
  }

  static Draw toDraw(DrawInput input) {
    if (input.issue() == null || input.date() == null || input.reds() == null || input.blue() == null) {
      throw new IllegalArgumentException("a draw needs issue, date (YYYY-MM-DD), reds (six numbers) and blue");
    }
    LocalDate date;
    try {
      date = LocalDate.parse(input.date());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("bad date '" + input.date() + "' (expected YYYY-MM-DD)");
    }
    return new Draw(input.issue(), date, input.reds(), input.blue());
  }

  private static Optional<Integer> number(Optional<String> text, int absent) {
    if (text.isEmpty()) {
      return Optional.of(absent);
    }
    try {
      return Optional.of(Integer.parseInt(text.get()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
