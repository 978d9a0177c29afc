package io.celestialnexus.engine.ssq.evaluation;

import org.hipparchus.distribution.continuous.BetaDistribution;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.stat.descriptive.StreamingStatistics;
import org.hipparchus.stat.inference.AlternativeHypothesis;
import org.hipparchus.stat.inference.BinomialTest;
import org.hipparchus.stat.inference.TTest;

/** Confidence intervals and tests against a known baseline, all from hipparchus. */
public final class Intervals {

  /** Below this spread a sample is treated as constant (the uniform strategy's log-loss is one value repeated). */
  private static final double CONSTANT = 1e-9;

  private Intervals() {}

  /** Student-t interval of the mean at {@code level}, and the one-sample t-test against {@code baseline}. */
  public static Estimate mean(double[] sample, double baseline, double level, int comparisons) {
    if (sample.length < 2) {
      throw new IllegalArgumentException("an interval needs at least 2 draws, got " + sample.length);
    }
    StreamingStatistics stats = new StreamingStatistics();
    for (double value : sample) {
      stats.addValue(value);
    }
    double mean = stats.getMean();
    double sd = stats.getStandardDeviation();
    if (sd < CONSTANT) {
      double p = Math.abs(mean - baseline) < CONSTANT ? 1 : 0;
      return new Estimate(mean, mean, mean, baseline, p, adjusted(p, comparisons));
    }
    double half = new TDistribution(sample.length - 1).inverseCumulativeProbability(1 - (1 - level) / 2) * sd / Math.sqrt(sample.length);
    double p = new TTest().tTest(baseline, stats);
    return new Estimate(mean, mean - half, mean + half, baseline, p, adjusted(p, comparisons));
  }

  /**
   * Clopper-Pearson (exact) interval of a proportion at {@code level}, from the beta quantiles, and the exact
   * binomial test against {@code baseline}. (hipparchus' BinomialProportion takes the proportion as a double
   * and truncates successes back out of it, which can lose one success to rounding.)
   */
  public static Estimate proportion(int successes, int trials, double baseline, double level, int comparisons) {
    double tail = (1 - level) / 2;
    double low = successes == 0 ? 0 : new BetaDistribution(successes, trials - successes + 1).inverseCumulativeProbability(tail);
    double high = successes == trials ? 1 : new BetaDistribution(successes + 1, trials - successes).inverseCumulativeProbability(1 - tail);
    double p = new BinomialTest().binomialTest(trials, successes, baseline, AlternativeHypothesis.TWO_SIDED);
    return new Estimate(successes / (double) trials, low, high, baseline, p, adjusted(p, comparisons));
  }

  /** The one-sided lower bound of the mean at {@code level}: mean - t(level, n-1) × sd / √n. */
  public static double lowerBound(StreamingStatistics stats, double level) {
    double sd = stats.getStandardDeviation();
    if (sd < CONSTANT) {
      return stats.getMean();
    }
    long n = stats.getN();
    return stats.getMean() - new TDistribution(n - 1).inverseCumulativeProbability(level) * sd / Math.sqrt(n);
  }

  private static double adjusted(double p, int comparisons) {
    return Math.min(1, p * comparisons);
  }
}
