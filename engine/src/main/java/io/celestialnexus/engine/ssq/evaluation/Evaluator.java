package io.celestialnexus.engine.ssq.evaluation;

import io.celestialnexus.engine.ssq.score.PrizeTier;
import io.celestialnexus.engine.ssq.score.RandomBaseline;
import io.celestialnexus.engine.ssq.score.Score;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a walk-forward into an {@link EvaluationReport}. Each row (every strategy and the fusion) is tested on
 * three figures: red hits, blue hits and log-loss. With that many comparisons some interval would exclude the
 * baseline by chance alone, so every interval is widened by Bonferroni: computed at 1 - α / m for m
 * comparisons. A row shows skill only when one of its widened intervals lies wholly on the better side of the
 * exact random baseline.
 */
public final class Evaluator {

  /** The row name of the fused forecast. */
  public static final String FUSION = "fusion";
  private static final int FIGURES_PER_ROW = 3;

  private Evaluator() {}

  /**
   * @param window evaluate the last {@code window} draws of the trace (0 = all of them)
   * @param confidence nominal confidence, e.g. 0.95
   */
  public static EvaluationReport evaluate(WalkForwardTrace trace, int window, double confidence, String source) {
    List<DrawRecord> records = trace.last(window);
    if (records.size() < 2) {
      throw new IllegalArgumentException("an evaluation needs at least 2 draws, the history has " + records.size());
    }
    int rowCount = trace.strategies().size() + 1;
    int comparisons = rowCount * FIGURES_PER_ROW;
    double level = 1 - (1 - confidence) / comparisons;
    List<RowReport> rows = new ArrayList<>();
    for (int s = 0; s < trace.strategies().size(); s++) {
      int index = s;
      rows.add(row(trace.strategies().get(s), false, records, r -> r.strategies().get(index), level, comparisons));
    }
    rows.add(row(FUSION, true, records, DrawRecord::fusion, level, comparisons));

    Map<PrizeTier, Double> expected = new EnumMap<>(PrizeTier.class);
    RandomBaseline.tierProbabilities().forEach((tier, p) -> expected.put(tier, p * records.size()));
    List<String> skilled = rows.stream().filter(row -> row.verdict() == RowVerdict.SKILL).map(RowReport::name).toList();
    return new EvaluationReport(
        source,
        records.size(),
        records.get(0).draw().issue(),
        records.get(records.size() - 1).draw().issue(),
        confidence,
        comparisons,
        level,
        new EvaluationReport.Baseline(
            RandomBaseline.EXPECTED_RED_HITS, RandomBaseline.BLUE_HIT_RATE, RandomBaseline.UNIFORM_LOG_LOSS, RandomBaseline.tierProbabilities()),
        rows,
        expected,
        trace.nextWeights(),
        !skilled.isEmpty(),
        verdict(skilled, confidence, level, comparisons));
  }

  private static RowReport row(
      String name, boolean fusion, List<DrawRecord> records, Function<DrawRecord, Score> scoreOf, double level, int comparisons) {
    double[] hits = new double[records.size()];
    double[] losses = new double[records.size()];
    int blueHits = 0;
    Map<PrizeTier, Integer> tiers = new EnumMap<>(PrizeTier.class);
    for (PrizeTier tier : PrizeTier.values()) {
      tiers.put(tier, 0);
    }
    for (int i = 0; i < records.size(); i++) {
      Score score = scoreOf.apply(records.get(i));
      hits[i] = score.redHits();
      losses[i] = score.logLoss();
      blueHits += score.blueHit() ? 1 : 0;
      tiers.merge(score.tier(), 1, Integer::sum);
    }
    Estimate red = Intervals.mean(hits, RandomBaseline.EXPECTED_RED_HITS, level, comparisons);
    Estimate blue = Intervals.proportion(blueHits, records.size(), RandomBaseline.BLUE_HIT_RATE, level, comparisons);
    Estimate loss = Intervals.mean(losses, RandomBaseline.UNIFORM_LOG_LOSS, level, comparisons);

    List<String> better = new ArrayList<>();
    List<String> worse = new ArrayList<>();
    classify(red.above(), red.below(), "red hits", "random", better, worse);
    classify(blue.above(), blue.below(), "blue hits", "random", better, worse);
    classify(loss.below(), loss.above(), "log-loss", "uniform", better, worse); // for a loss, lower is better
    RowVerdict verdict = !better.isEmpty() ? RowVerdict.SKILL : !worse.isEmpty() ? RowVerdict.WORSE : RowVerdict.NO_EVIDENCE;
    String reason =
        switch (verdict) {
          case SKILL -> String.join(", ", better);
          case WORSE -> String.join(", ", worse);
          case NO_EVIDENCE -> "every interval includes the random baseline";
        };
    return new RowReport(name, fusion, records.size(), red, blue, loss, tiers, verdict, reason);
  }

  private static void classify(
      boolean better, boolean worse, String figure, String baseline, List<String> betterList, List<String> worseList) {
    if (better) {
      betterList.add(figure + " better than " + baseline);
    } else if (worse) {
      worseList.add(figure + " worse than " + baseline);
    }
  }

  private static String verdict(List<String> skilled, double confidence, double level, int comparisons) {
    String correction =
        String.format(
            Locale.ROOT, "%.0f %% intervals widened to %.2f %% for %d comparisons (Bonferroni)", confidence * 100, level * 100, comparisons);
    if (skilled.isEmpty()) {
      return "No evidence of skill: no strategy and not the fusion beat the random baseline on red hits, blue hits or log-loss ("
          + correction + "). The draws behave as a fair lottery: any pick averages "
          + String.format(Locale.ROOT, "%.4f", RandomBaseline.EXPECTED_RED_HITS) + " red hits and hits the blue 1 time in 16.";
    }
    return "Evidence of skill for " + String.join(", ", skilled) + ": an interval excludes the random baseline on the better side ("
        + correction + ").";
  }
}
