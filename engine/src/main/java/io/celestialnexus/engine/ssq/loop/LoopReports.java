package io.celestialnexus.engine.ssq.loop;

import io.celestialnexus.engine.ssq.evaluation.EvaluationJson;
import io.celestialnexus.engine.ssq.evaluation.EvaluationMarkdown;
import io.celestialnexus.engine.ssq.evaluation.EvaluationReport;
import io.celestialnexus.engine.support.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The files the loop leaves for people and tools under {@code reports/}: {@code evaluation.json} and
 * {@code evaluation.md} after each review, {@code charts/<name>.png} when the charts are due. Each is written
 * whole (temp file and rename), so a reader never sees half a report.
 */
final class LoopReports {

  private final Path reports;

  LoopReports(Path reportsDir) {
    this.reports = reportsDir;
  }

  void writeEvaluation(EvaluationReport report) throws IOException {
    AtomicFiles.write(reports.resolve("evaluation.json"), EvaluationJson.render(report).getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(reports.resolve("evaluation.md"), EvaluationMarkdown.render(report).getBytes(StandardCharsets.UTF_8));
  }

  /** Draws every chart; false when there is nothing to draw yet. */
  boolean writeCharts(LoopView view) throws IOException {
    for (String name : PredictionService.CHARTS) {
      Optional<byte[]> png = view.chart(name);
      if (png.isEmpty()) {
        return false;
      }
      AtomicFiles.write(chartFile(name), png.get());
    }
    return true;
  }

  Path chartFile(String name) {
    return reports.resolve("charts").resolve(name + ".png");
  }
}
