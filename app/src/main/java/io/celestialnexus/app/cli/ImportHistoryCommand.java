package io.celestialnexus.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.app.node.DirectStorage;
import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.state.DrawHistory;
import io.celestialnexus.engine.ssq.state.HistoryDrawStore;
import io.celestialnexus.engine.ssq.state.HistoryImport;
import io.celestialnexus.engine.status.StatusJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Imports a draw history CSV ({@code issue,date,r1..r6,blue} with a header): all-or-nothing, or with
 * {@code --skip-invalid} the good rows; every rejected row is printed as {@code line N: reason}. Importing the same
 * file twice changes nothing. Exit 0 when imported, 1 when nothing was (rejected rows, storage or service trouble).
 */
@Command(name = "import-history", description = "Import a draw history CSV (issue,date,r1..r6,blue with a header).")
public final class ImportHistoryCommand implements Callable<Integer> {

  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "CSV file with a header row: issue,date,r1,r2,r3,r4,r5,r6,blue")
  Path file;

  @Option(names = "--skip-invalid", description = "Import the valid rows and report the rejected ones (default: all or nothing).")
  boolean skipInvalid;

  @Override
  public Integer call() throws Exception {
    NodeSettings settings = config.settings();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String csv;
    try {
      csv = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      err.println("nexus: cannot read " + file + ": " + e.getMessage());
      return 1;
    }
    StateChange.Route route;
    try {
      route = StateChange.choose(settings, out);
    } catch (StateChange.Refused e) {
      err.println("nexus: " + e.getMessage());
      return 1;
    }
    HistoryImport.Report report;
    if (route instanceof StateChange.Api api) {
      HttpResponse<String> response =
          StateChange.post(api, "/api/draws/import?skipInvalid=" + skipInvalid, "text/csv; charset=UTF-8", csv);
      if (response.statusCode() != 200 && response.statusCode() != 422) {
        err.println("nexus: the service answered " + response.statusCode() + ": " + response.body());
        return 1;
      }
      report = fromJson(StatusJson.mapper().readTree(response.body()));
    } else {
      var direct = ((StateChange.Direct) route).storage();
      try (direct) {
        var timeout = settings.state().askTimeout();
        report =
            new HistoryImport(new SimpleMeterRegistry())
                .run(csv, skipInvalid, "import", new DirectRecorder(direct, timeout))
                .toCompletableFuture()
                .get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
      }
    }
    out.println(file.getFileName() + ": " + report.summary());
    report.rejected().forEach(out::println);
    out.flush();
    return report.applied() ? 0 : 1;
  }

  /**
   * Records into the draw history opened on the first batch: a file refused outright never starts the entity, which
   * would otherwise still be starting (and fail noisily) while the storage closes.
   */
  private static final class DirectRecorder implements HistoryImport.Recorder {
    private final DirectStorage storage;
    private final Duration timeout;
    private HistoryDrawStore draws;

    DirectRecorder(DirectStorage storage, Duration timeout) {
      this.storage = storage;
      this.timeout = timeout;
    }

    @Override
    public CompletionStage<DrawHistory.Recorded> record(List<Draw> batch, boolean allOrNothing) {
      if (draws == null) {
        draws = new HistoryDrawStore(storage.draws(), storage.system().scheduler(), timeout);
      }
      return draws.record(batch, "import", allOrNothing);
    }
  }

  private static HistoryImport.Report fromJson(JsonNode json) {
    List<String> rejected = new ArrayList<>();
    json.path("rejected").forEach(line -> rejected.add(line.asText()));
    return new HistoryImport.Report(
        json.path("rows").asInt(), json.path("added").asInt(), json.path("unchanged").asInt(), List.copyOf(rejected),
        json.path("applied").asBoolean());
  }
}
