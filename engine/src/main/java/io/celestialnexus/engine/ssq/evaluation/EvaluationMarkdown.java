package io.celestialnexus.engine.ssq.evaluation;

import io.celestialnexus.engine.ssq.score.PrizeTier;
import java.util.Locale;
import java.util.Map;

/**
 * The report for people, as Markdown: the verdict first, then one table with every figure beside its random
 * baseline, the prize tiers beside what random tickets win, and the weights for the next draw. Nothing in it
 * states a hit rate without its baseline.
 */
public final class EvaluationMarkdown {

  private EvaluationMarkdown() {}

  public static String render(EvaluationReport report) {
    StringBuilder md = new StringBuilder();
    md.append("# SSQ evaluation: ").append(report.source()).append("\n\n");
    line(md, "Walk-forward over %d draws (issues %d to %d): every draw predicted from the draws before it only, weights tuned as it went.",
        report.draws(), report.firstIssue(), report.lastIssue());
    line(md, "Intervals: %.0f %% widened to %.2f %% for %d comparisons (Bonferroni); p-values two-sided, adjusted = p x %d (at most 1).",
        report.confidence() * 100, report.correctedConfidence() * 100, report.comparisons(), report.comparisons());
    md.append('\n');
    md.append("**Verdict:** ").append(report.verdict()).append("\n\n");

    EvaluationReport.Baseline base = report.baseline();
    md.append("| strategy | mean red hits [interval] | random | blue hit rate [interval] | random | mean log-loss, nats [interval] | uniform | adjusted p (red / blue / log-loss) | verdict |\n");
    md.append("|---|---|---|---|---|---|---|---|---|\n");
    for (RowReport row : report.rows()) {
      Estimate red = row.redHits();
      Estimate blue = row.blueHitRate();
      Estimate loss = row.logLoss();
      md.append(String.format(Locale.ROOT, "| %s | %.4f [%.4f, %.4f] | %.4f | %.2f %% [%.2f, %.2f] | %.2f %% | %.4f [%.4f, %.4f] | %.4f | %.3g / %.3g / %.3g | %s (%s) |%n",
          row.fusion() ? "**" + row.name() + "**" : row.name(),
          red.value(), red.low(), red.high(), base.expectedRedHits(),
          blue.value() * 100, blue.low() * 100, blue.high() * 100, base.blueHitRate() * 100,
          loss.value(), loss.low(), loss.high(), base.uniformLogLoss(),
          red.adjustedPValue(), blue.adjustedPValue(), loss.adjustedPValue(),
          row.verdict().text(), row.reason()));
    }

    md.append("\n## Prize tiers won by each row's picks, beside a random ticket\n\n");
    md.append("| tier | rule | random probability | expected for random tickets |");
    report.rows().forEach(row -> md.append(' ').append(row.name()).append(" |"));
    md.append("\n|---|---|---|---|");
    report.rows().forEach(row -> md.append("---|"));
    md.append('\n');
    for (PrizeTier tier : PrizeTier.values()) {
      md.append(String.format(Locale.ROOT, "| %s %s | %s | %.6g | %.2f |", tier.chinese(), tier.name().toLowerCase(Locale.ROOT), tier.rule(),
          base.tierProbabilities().get(tier), report.expectedTierCounts().get(tier)));
      for (RowReport row : report.rows()) {
        md.append(' ').append(row.tiers().get(tier)).append(" |");
      }
      md.append('\n');
    }

    md.append("\n## Weights for the next draw\n\n| strategy | weight |\n|---|---|\n");
    for (Map.Entry<String, Double> entry : report.nextWeights().weights().entrySet()) {
      md.append(String.format(Locale.ROOT, "| %s | %.4f |%n", entry.getKey(), entry.getValue()));
    }
    if (!report.skillClaimed()) {
      md.append("\nThe lottery is designed to be fair, and these draws give no reason to doubt it: no weighting of these strategies predicts them.\n");
    }
    return md.toString();
  }

  private static void line(StringBuilder md, String format, Object... args) {
    md.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
