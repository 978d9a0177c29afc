package io.celestialnexus.engine.ssq.evaluation;

/**
 * A measured figure beside its random baseline: the estimate, its confidence interval (at the report's
 * corrected level), the two-sided p-value of "no different from the baseline", and that p-value multiplied by
 * the number of comparisons (Bonferroni, capped at 1).
 */
public record Estimate(double value, double low, double high, double baseline, double pValue, double adjustedPValue) {

  /** The interval lies wholly above the baseline. */
  public boolean above() {
    return low > baseline;
  }

  /** The interval lies wholly below the baseline. */
  public boolean below() {
    return high < baseline;
  }
}
