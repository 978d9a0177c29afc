package io.celestialnexus.app.cli;

import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.state.DrawHistory;
import io.celestialnexus.engine.ssq.state.HistoryDrawStore;
import io.celestialnexus.engine.status.StatusJson;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Adds one draw: {@code nexus draws add 2026097 2026-08-20 1 5 9 14 22 30 7}. The same draw again changes
 * nothing; a draw that differs from the recorded one for its issue is refused. Exit 0 added or already recorded,
 * 1 refused (conflict, storage or service trouble), 2 an invalid draw.
 */
@Command(name = "add", description = "Add a draw: ISSUE DATE R1 R2 R3 R4 R5 R6 BLUE.")
public final class DrawsAddCommand implements Callable<Integer> {

  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ISSUE", description = "YYYYNNN, e.g. 2026097")
  int issue;

  @Parameters(index = "1", paramLabel = "DATE", description = "YYYY-MM-DD")
  String date;

  @Parameters(index = "2..8", arity = "7", paramLabel = "N", description = "six reds 1..33, then the blue 1..16")
  List<Integer> numbers;

  @Override
  public Integer call() throws Exception {
    NodeSettings settings = config.settings();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Draw draw;
    try {
      draw = new Draw(issue, LocalDate.parse(date), numbers.subList(0, 6), numbers.get(6));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      err.println("nexus: invalid draw: " + e.getMessage());
      return 2;
    }
    StateChange.Route route;
    try {
      route = StateChange.choose(settings, out);
    } catch (StateChange.Refused e) {
      err.println("nexus: " + e.getMessage());
      return 1;
    }
    if (route instanceof StateChange.Api api) {
      String body =
          StatusJson.mapper().writeValueAsString(Map.of("issue", draw.issue(), "date", draw.date().toString(), "reds", draw.reds(), "blue", draw.blue()));
      HttpResponse<String> response = StateChange.post(api, "/api/draws", "application/json", body);
      switch (response.statusCode()) {
        case 201:
          out.println("added draw " + describe(draw));
          return 0;
        case 200:
          out.println("draw " + draw.issue() + " is already recorded exactly so; nothing changed");
          return 0;
        default:
          err.println("nexus: refused (" + response.statusCode() + "): " + StatusJson.mapper().readTree(response.body()).path("detail").asText(response.body()));
          return 1;
      }
    }
    var direct = ((StateChange.Direct) route).storage();
    try (direct) {
      var timeout = settings.state().askTimeout();
      DrawHistory.Recorded recorded =
          new HistoryDrawStore(direct.draws(), direct.system().scheduler(), timeout)
              .record(List.of(draw), "cli", true)
              .toCompletableFuture()
              .get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
      if (!recorded.conflicts().isEmpty()) {
        err.println("nexus: refused: " + recorded.conflicts().get(0).reason());
        return 1;
      }
      out.println(recorded.added().isEmpty()
          ? "draw " + draw.issue() + " is already recorded exactly so; nothing changed"
          : "added draw " + describe(draw));
      return 0;
    }
  }

  private static String describe(Draw draw) {
    return draw.issue() + " (" + draw.date() + ") " + draw.reds() + " + " + draw.blue();
  }
}
