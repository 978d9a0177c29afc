package io.celestialnexus.engine.chat.desk;

import io.celestialnexus.engine.ssq.score.RandomBaseline;
import java.util.Locale;
import java.util.Optional;

/**
 * The one place where the chat words what an evaluation shows. A claim of skill needs the whole interval
 * above the random baseline; anything else, including no evaluation at all, reads "no evidence of skill".
 */
public final class HonestVerdict {

  public static final String NO_EVIDENCE = "结论：没有证据表明优于随机（no evidence of skill）。彩票是公平的，请理性娱乐。";

  private HonestVerdict() {}

  public static String of(Optional<EvaluationSummary> evaluation) {
    return evaluation.map(HonestVerdict::of).orElse("尚无评估。" + NO_EVIDENCE);
  }

  public static String of(EvaluationSummary summary) {
    boolean red = summary.meanRedHits().above(RandomBaseline.EXPECTED_RED_HITS);
    boolean blue = summary.blueHitRate().above(RandomBaseline.BLUE_HIT_RATE);
    if (!red && !blue) {
      return NO_EVIDENCE;
    }
    String which = red && blue ? "红球与蓝球" : red ? "红球" : "蓝球";
    return "结论：在这 " + summary.draws() + " 期样本中，" + which
        + "命中率的 " + level(summary) + "% 置信区间整体高于随机基线；这只是样本内的统计结果，不保证未来，彩票仍是公平的。";
  }

  /** "平均命中红球 1.12 个（99.81% CI 1.02–1.22；随机基线 1.0909）" and the blue line beside its baseline. */
  public static String rates(EvaluationSummary summary) {
    EvaluationSummary.Interval red = summary.meanRedHits();
    EvaluationSummary.Interval blue = summary.blueHitRate();
    return String.format(
        Locale.ROOT,
        "近 %d 期（%s–%s）评估：%n红球平均命中 %.3f 个（%s%% CI %.3f–%.3f；随机基线 %.4f）%n蓝球命中率 %.2f%%（%s%% CI %.2f%%–%.2f%%；随机基线 %.2f%%）",
        summary.draws(),
        summary.firstIssue(),
        summary.lastIssue(),
        red.estimate(),
        level(summary),
        red.low(),
        red.high(),
        RandomBaseline.EXPECTED_RED_HITS,
        blue.estimate() * 100,
        level(summary),
        blue.low() * 100,
        blue.high() * 100,
        RandomBaseline.BLUE_HIT_RATE * 100);
  }

  /** The interval level as people read it: "95", "99.81". */
  static String level(EvaluationSummary summary) {
    return new java.math.BigDecimal(summary.confidence() * 100)
        .round(new java.math.MathContext(4))
        .stripTrailingZeros()
        .toPlainString();
  }

  /** The baseline alone, for a reply that has no evaluation to show. */
  public static String baseline() {
    return String.format(
        Locale.ROOT,
        "随机基线：每注期望命中红球 %.4f 个（6×6/33），蓝球命中率 %.2f%%（1/16）",
        RandomBaseline.EXPECTED_RED_HITS,
        RandomBaseline.BLUE_HIT_RATE * 100);
  }
}
