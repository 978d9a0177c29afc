package io.celestialnexus.engine.ssq.loop;

import io.celestialnexus.engine.ssq.chart.ChartData;
import io.celestialnexus.engine.ssq.chart.LogLossChart;
import io.celestialnexus.engine.ssq.chart.RollingHitsChart;
import io.celestialnexus.engine.ssq.chart.WeightsChart;
import io.celestialnexus.engine.ssq.evaluation.DrawRecord;
import io.celestialnexus.engine.ssq.evaluation.EvaluationReport;
import io.celestialnexus.engine.ssq.evaluation.Evaluator;
import io.celestialnexus.engine.ssq.evaluation.WalkForwardTrace;
import io.celestialnexus.engine.ssq.fusion.Weighting;
import io.celestialnexus.engine.ssq.tuning.WeightPolicy;
import java.util.List;
import java.util.Optional;

/**
 * What the loop has reviewed so far, as an immutable value the loop publishes after every change: readers
 * (API, chat, reports) evaluate and draw from it without waiting for a running step.
 *
 * @param records one per reviewed draw, oldest first: the recorded prediction's score and every strategy's
 * @param version the live weights version ({@code weights} are its weights)
 */
public record LoopView(List<String> strategies, List<DrawRecord> records, WeightPolicy policy, Weighting weights, int version) {

  /** Source name of the live evaluation. */
  public static final String SOURCE = "live prediction log";

  public LoopView {
    strategies = List.copyOf(strategies);
  }

  public WalkForwardTrace trace() {
    return new WalkForwardTrace(strategies, policy, records, weights);
  }

  /** The evaluation of the last {@code window} reviewed draws (0 = all); empty while fewer than 2 are reviewed. */
  public Optional<EvaluationReport> evaluation(int window, double confidence) {
    int draws = window == 0 ? records.size() : Math.min(window, records.size());
    return draws < 2 ? Optional.empty() : Optional.of(Evaluator.evaluate(trace(), window, confidence, SOURCE));
  }

  /**
   * One of {@link PredictionService#CHARTS} as PNG; IllegalArgumentException for another name, empty while nothing is
   * reviewed. Rolling means span a tenth of the reviewed draws, between 1 and 100.
   */
  public Optional<byte[]> chart(String name) {
    if (!PredictionService.CHARTS.contains(name)) {
      throw new IllegalArgumentException("no chart named '" + name + "'; the charts are " + String.join(", ", PredictionService.CHARTS));
    }
    if (records.isEmpty()) {
      return Optional.empty();
    }
    ChartData data = ChartData.of(trace());
    int window = Math.max(1, Math.min(100, records.size() / 10));
    return Optional.of(
        switch (name) {
          case "weights" -> WeightsChart.render(data);
          case "red-hits" -> RollingHitsChart.render(data, List.of(Evaluator.FUSION, strategies.get(0)), window);
          default -> LogLossChart.render(data, window);
        });
  }
}
