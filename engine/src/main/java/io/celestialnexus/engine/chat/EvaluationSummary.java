package io.celestialnexus.engine.chat;

import java.util.Objects;

/**
 * Walk-forward evaluation of the fused picks over recent draws, with 95 % confidence intervals.
 *
 * @param draws how many draws were evaluated
 * @param firstIssue the oldest evaluated issue (YYYYNNN)
 * @param lastIssue the newest evaluated issue
 * @param meanRedHits mean red hits per ticket, with its interval
 * @param blueHitRate share of draws whose blue was hit, with its interval
 */
public record EvaluationSummary(
    int draws,
    String firstIssue,
    String lastIssue,
    Interval meanRedHits,
    Interval blueHitRate,
    RandomBaseline baseline) {

  public EvaluationSummary {
    Objects.requireNonNull(meanRedHits, "meanRedHits");
    Objects.requireNonNull(blueHitRate, "blueHitRate");
    Objects.requireNonNull(baseline, "baseline");
  }

  /** A point estimate and its 95 % confidence interval. */
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
