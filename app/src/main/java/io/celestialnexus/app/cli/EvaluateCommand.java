package io.celestialnexus.app.cli;

import io.celestialnexus.app.node.DirectStorage;
import io.celestialnexus.app.node.NodeLock;
import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.DrawCsv;
import io.celestialnexus.engine.ssq.SsqSettings;
import io.celestialnexus.engine.ssq.evaluation.EvaluationJson;
import io.celestialnexus.engine.ssq.evaluation.EvaluationMarkdown;
import io.celestialnexus.engine.ssq.evaluation.EvaluationReport;
import io.celestialnexus.engine.ssq.evaluation.Evaluator;
import io.celestialnexus.engine.ssq.evaluation.WalkForward;
import io.celestialnexus.engine.ssq.loop.LoopStore;
import io.celestialnexus.engine.ssq.loop.LoopView;
import io.celestialnexus.engine.ssq.loop.PredictionLoop;
import io.celestialnexus.engine.ssq.strategy.Strategy;
import io.celestialnexus.engine.ssq.strategy.StrategyCatalog;
import io.celestialnexus.engine.ssq.tuning.WeightPolicy;
import io.celestialnexus.engine.support.EngineClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nexus evaluate}: the honest evaluation, every figure beside the exact random baseline. With
 * {@code --history FILE} it walks that history forward in memory (every strategy, the fusion and the tuner,
 * from the configured settings and an even prior), so the machinery can be checked on any data without
 * touching the live journal. Without it, it evaluates the live prediction log that ssq-cycle records: through the
 * running service's API, or read back from the storage when the service is down.
 */
@Command(
    name = "evaluate",
    description = {
      "Walk-forward evaluation of every strategy and the fusion beside the exact random baseline.",
      "Exit 0 with a report; 1 when the history is unreadable or has bad rows (each printed as 'line N: reason')."
    })
public final class EvaluateCommand implements Callable<Integer> {

  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Option(
      names = "--history",
      paramLabel = "FILE",
      description = "CSV history (issue,date,r1..r6,blue with a header) to evaluate offline, in memory; the live journal is untouched.")
  Path history;

  @Option(
      names = "--window",
      paramLabel = "N",
      description = "Report on the last N draws only (default: all); earlier draws still train the tuner.")
  int window;

  @Option(names = "--format", paramLabel = "md|json", description = "Report format: md (default) or json.")
  String format = "md";

  @Override
  public Integer call() throws IOException {
    if (window < 0) {
      throw new ParameterException(spec.commandLine(), "--window must be 0 (all draws) or more, was " + window);
    }
    if (!format.equals("md") && !format.equals("json")) {
      throw new ParameterException(spec.commandLine(), "--format must be md or json, was '" + format + "'");
    }
    SsqSettings settings = config.settings().engine().ssq();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (history == null) {
      return live(settings, out, err);
    }
    List<Draw> draws = read(history, err);
    if (draws == null) {
      return 1;
    }
    if (draws.size() < 2 || (window != 0 && window < 2)) {
      err.println("nexus evaluate: an evaluation needs at least 2 draws; " + history + " has " + draws.size()
          + (window != 0 ? " and --window is " + window : ""));
      err.flush();
      return 1;
    }
    List<Strategy> strategies = StrategyCatalog.standard(settings.strategies());
    WeightPolicy policy = WeightPolicy.uniform(strategies.stream().map(Strategy::name).toList(), settings.tuner());
    EvaluationReport report =
        Evaluator.evaluate(new WalkForward(strategies, policy).run(draws), window, settings.confidence(), history.getFileName().toString());
    out.print(format.equals("json") ? EvaluationJson.render(report) : EvaluationMarkdown.render(report));
    out.flush();
    return 0;
  }

  /**
   * The evaluation of the live prediction log: from the running service's API, or, with the service down, read
   * back from the storage directly (nothing is written). Where it came from goes to stderr, so that stdout is the
   * report alone.
   */
  private Integer live(SsqSettings settings, PrintWriter out, PrintWriter err) throws IOException {
    NodeSettings node = config.settings();
    ServiceApi api = new ServiceApi(node);
    try {
      Optional<HttpResponse<String>> answer = api.send("GET", "/api/evaluation?window=" + window + "&format=" + format, null);
      if (answer.isPresent()) {
        err.println("nexus evaluate: live prediction log, via the running service at " + api.base());
        err.flush();
        if (answer.get().statusCode() != 200) {
          err.println("nexus evaluate: the service answered " + answer.get().statusCode() + ": " + answer.get().body());
          err.flush();
          return 1;
        }
        out.print(answer.get().body());
        out.flush();
        return 0;
      }
      return direct(node, settings, out, err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private Integer direct(NodeSettings node, SsqSettings settings, PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
    StateChange.quietLogging();
    try (DirectStorage storage = DirectStorage.open(node)) {
      err.println("nexus evaluate: live prediction log, read from the storage directly (" + storage.describe() + "; service not running)");
      err.flush();
      LoopView view =
          PredictionLoop.of(StrategyCatalog.standard(settings.strategies()), settings, node.engine().paths())
              .readBack(
                  new LoopStore(storage.draws(), storage.weights(), storage.predictions(), storage.system().scheduler(), node.state().askTimeout()),
                  EngineClock.system());
      Optional<EvaluationReport> report = view.evaluation(window, settings.confidence());
      if (report.isEmpty()) {
        err.println("nexus evaluate: the live prediction log has " + view.records().size() + " reviewed draw(s), fewer than 2:"
            + " start the service (nexus start) and its ssq-cycle task reviews the history, or evaluate a file offline with"
            + " --history FILE");
        err.flush();
        return 1;
      }
      out.print(format.equals("json") ? EvaluationJson.render(report.get()) : EvaluationMarkdown.render(report.get()));
      out.flush();
      return 0;
    } catch (NodeLock.HeldElsewhere e) {
      err.println("nexus evaluate: " + e.getMessage() + ", but its API does not answer; try again when it does");
    } catch (DirectStorage.Unavailable e) {
      err.println("nexus evaluate: storage unavailable: " + e.getMessage());
    }
    err.flush();
    return 1;
  }

  /** The draws, or null after printing why there are none (every bad row as {@code line N: reason}). */
  private static List<Draw> read(Path file, PrintWriter err) throws IOException {
    DrawCsv.Parsed parsed;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      parsed = DrawCsv.parse(reader);
    } catch (NoSuchFileException e) {
      err.println("nexus evaluate: no such file: " + file);
      err.flush();
      return null;
    }
    if (!parsed.clean()) {
      parsed.rejections().forEach(rejection -> err.println(file.getFileName() + ": " + rejection));
      err.println("nexus evaluate: " + file + " has " + parsed.rejections().size() + " bad row(s); nothing was evaluated");
      err.flush();
      return null;
    }
    return parsed.draws();
  }
}
