package io.celestialnexus.engine.chat.desk;

import java.util.Objects;

/**
 * Walk-forward evaluation of the fused picks over recent draws, with confidence intervals.
 *
 * @param draws how many draws were evaluated
 * @param firstIssue the oldest evaluated issue (YYYYNNN)
 * @param lastIssue the newest evaluated issue
 * @param meanRedHits mean red hits per ticket, with its interval
 * @param blueHitRate share of draws whose blue was hit, with its interval
 * @param confidence the level both intervals were computed at (an evaluation corrected for many comparisons computes
 *     them above its nominal 95 %), so the chat names the level it shows
 */
public record EvaluationSummary(
    int draws,
    String firstIssue,
    String lastIssue,
    Interval meanRedHits,
    Interval blueHitRate,
    double confidence) {

  public EvaluationSummary {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be between 0 and 1, was " + confidence);
    }
    Objects.requireNonNull(meanRedHits, "meanRedHits");
    Objects.requireNonNull(blueHitRate, "blueHitRate");
  }

  /** A point estimate and its confidence interval. */
  public record Interval(double estimate, double low, double high) {
    public Interval {
      if (!(low <= estimate && estimate <= high)) {
        throw new IllegalArgumentException("interval must hold its estimate: " + low + " <= " + estimate + " <= " + high);
      }
    }

    /** True only when the whole interval lies above {@code value}: what "evidence of skill" requires. */
    public boolean above(double value) {
      return low > value;
    }
  }
}
