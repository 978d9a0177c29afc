package io.celestialnexus.engine.ssq.loop;

import io.celestialnexus.engine.ssq.evaluation.EvaluationJson;
import io.celestialnexus.engine.ssq.evaluation.EvaluationMarkdown;
import io.celestialnexus.engine.ssq.evaluation.EvaluationReport;
import io.celestialnexus.engine.support.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files the loop leaves for people and tools under {@code reports/}: {@code evaluation.json} and
 * {@code evaluation.md} after each review, {@code charts/<name>.png} at most every {@code VIS_MIN_INTERVAL_HOURS}.
 * Each is written whole (temp file and rename), so a reader never sees half a report. A report that cannot be
 * written is logged and written after the next review: the journal holds the truth.
 */
final class LoopReports {

  private static final Logger LOG = LoggerFactory.getLogger(LoopReports.class);

  private final Path reports;
  private final double confidence;
  private final Duration chartsMinInterval;
  private final Clock clock;
  private Instant lastChartAt;

  LoopReports(Path reportsDir, double confidence, Duration chartsMinInterval, Clock clock) {
    this.reports = reportsDir;
    this.confidence = confidence;
    this.chartsMinInterval = chartsMinInterval;
    this.clock = clock;
  }

  /** Writes the evaluation of {@code view}, and the charts when they are due. */
  void afterReview(LoopView view) {
    try {
      Optional<EvaluationReport> report = view.evaluation(0, confidence);
      if (report.isPresent()) {
        writeEvaluation(report.get());
      }
      Instant now = clock.instant();
      if ((lastChartAt == null || !now.isBefore(lastChartAt.plus(chartsMinInterval))) && writeCharts(view)) {
        lastChartAt = now;
      }
    } catch (IOException e) {
      LOG.warn("could not write the evaluation report or charts under reports/: {}", e.toString());
    }
  }

  /** When the charts were last drawn, if ever. */
  Optional<Instant> lastChartAt() {
    return Optional.ofNullable(lastChartAt);
  }

  void writeEvaluation(EvaluationReport report) throws IOException {
    AtomicFiles.write(reports.resolve("evaluation.json"), EvaluationJson.render(report).getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(reports.resolve("evaluation.md"), EvaluationMarkdown.render(report).getBytes(StandardCharsets.UTF_8));
  }

  /** Draws every chart; false when there is nothing to draw yet. */
  private boolean writeCharts(LoopView view) throws IOException {
    for (String name : PredictionService.CHARTS) {
      Optional<byte[]> png = view.chart(name);
      if (png.isEmpty()) {
        return false;
      }
      AtomicFiles.write(reports.resolve("charts").resolve(name + ".png"), png.get());
    }
    return true;
  }
}
