package io.celestialnexus.engine.ssq.evaluation;

import io.celestialnexus.engine.ssq.fusion.Weighting;
import io.celestialnexus.engine.ssq.score.PrizeTier;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An honest evaluation: for each strategy and the fusion, hit rates and log-loss with intervals, beside the
 * exact random baseline, and a verdict that claims skill only where a corrected interval excludes it.
 *
 * @param source what was evaluated (a file name, or the live log)
 * @param confidence the nominal level asked for (e.g. 0.95)
 * @param comparisons how many intervals were compared with a baseline (rows × 3)
 * @param correctedConfidence the level each interval was actually computed at, 1 - (1 - confidence) / comparisons
 * @param expectedTierCounts how many draws of each tier a random ticket would win over these draws
 * @param nextWeights the tuned weights after the last draw
 */
public record EvaluationReport(
    String source,
    int draws,
    int firstIssue,
    int lastIssue,
    double confidence,
    int comparisons,
    double correctedConfidence,
    Baseline baseline,
    List<RowReport> rows,
    Map<PrizeTier, Double> expectedTierCounts,
    Weighting nextWeights,
    boolean skillClaimed,
    String verdict) {

  /** The exact figures of a random ticket against a fair draw. */
  public record Baseline(double expectedRedHits, double blueHitRate, double uniformLogLoss, Map<PrizeTier, Double> tierProbabilities) {
    public Baseline {
      tierProbabilities = Collections.unmodifiableMap(new EnumMap<>(tierProbabilities));
    }
  }

  public EvaluationReport {
    rows = List.copyOf(rows);
    expectedTierCounts = Collections.unmodifiableMap(new EnumMap<>(expectedTierCounts));
  }

  /** The row of {@code name} (a strategy, or {@link Evaluator#FUSION}). */
  public RowReport row(String name) {
    return rows.stream()
        .filter(row -> row.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no row " + name));
  }
}
