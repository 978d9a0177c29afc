package io.celestialnexus.app.cli;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.DrawCsv;
import io.celestialnexus.engine.ssq.SsqSettings;
import io.celestialnexus.engine.ssq.evaluation.EvaluationJson;
import io.celestialnexus.engine.ssq.evaluation.EvaluationMarkdown;
import io.celestialnexus.engine.ssq.evaluation.EvaluationReport;
import io.celestialnexus.engine.ssq.evaluation.Evaluator;
import io.celestialnexus.engine.ssq.evaluation.WalkForward;
import io.celestialnexus.engine.ssq.strategy.Strategy;
import io.celestialnexus.engine.ssq.strategy.StrategyCatalog;
import io.celestialnexus.engine.ssq.tuning.WeightPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
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
 * touching the live journal. Without it, it would read the live prediction log, which needs the running
 * prediction loop; it says so and exits 1.
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
      err.println("nexus evaluate: live evaluation reads the prediction log that the running ssq-cycle loop records, and this node"
          + " does not run that loop yet. Evaluate a history offline instead: nexus evaluate --history FILE"
          + " (the shipped history is engine/src/main/resources/ssq/ssq_history.csv).");
      err.flush();
      return 1;
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
