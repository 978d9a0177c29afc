package io.celestialnexus.engine.ssq.score;

import io.celestialnexus.engine.ssq.Draw;
import java.util.EnumMap;
import java.util.Map;
import org.hipparchus.distribution.discrete.HypergeometricDistribution;
import org.hipparchus.util.CombinatoricsUtils;

/**
 * What any ticket achieves against a fair draw, exactly: whatever numbers are picked, the red hits follow the
 * hypergeometric distribution (6 picks among 33, 6 drawn), the blue hits 1 in 16, and the prize tiers have the
 * official odds (1st prize 1 in 17,721,088). A strategy only shows skill by beating these.
 */
public final class RandomBaseline {

  private static final HypergeometricDistribution RED_HITS =
      new HypergeometricDistribution(Draw.RED_MAX, Draw.RED_COUNT, Draw.RED_COUNT);

  /** 36/33 = 12/11 ≈ 1.0909. */
  public static final double EXPECTED_RED_HITS = RED_HITS.getNumericalMean();
  /** Variance of one ticket's red hits, 6·(6/33)·(27/33)·(27/32) ≈ 0.7531. */
  public static final double RED_HITS_VARIANCE = RED_HITS.getNumericalVariance();
  public static final double BLUE_HIT_RATE = 1.0 / Draw.BLUE_MAX;
  /** 6·ln 33, nats. */
  public static final double UNIFORM_RED_LOG_LOSS = Draw.RED_COUNT * Math.log(Draw.RED_MAX);
  /** ln 16, nats. */
  public static final double UNIFORM_BLUE_LOG_LOSS = Math.log(Draw.BLUE_MAX);
  public static final double UNIFORM_LOG_LOSS = UNIFORM_RED_LOG_LOSS + UNIFORM_BLUE_LOG_LOSS;

  /** C(33,6) × 16 = 17,721,088 equally likely tickets. */
  public static final long TICKETS = CombinatoricsUtils.binomialCoefficient(Draw.RED_MAX, Draw.RED_COUNT) * Draw.BLUE_MAX;

  private RandomBaseline() {}

  /** Probability that a ticket has exactly {@code hits} red hits. */
  public static double redHitsProbability(int hits) {
    return RED_HITS.probability(hits);
  }

  /** How many of the {@link #TICKETS} equally likely outcomes win {@code tier} for a fixed ticket. */
  public static long tierOutcomes(PrizeTier tier) {
    long outcomes = 0;
    for (int hits = 0; hits <= Draw.RED_COUNT; hits++) {
      long redWays =
          CombinatoricsUtils.binomialCoefficient(Draw.RED_COUNT, hits)
              * CombinatoricsUtils.binomialCoefficient(Draw.RED_MAX - Draw.RED_COUNT, Draw.RED_COUNT - hits);
      if (PrizeTier.of(hits, true) == tier) {
        outcomes += redWays;
      }
      if (PrizeTier.of(hits, false) == tier) {
        outcomes += redWays * (Draw.BLUE_MAX - 1);
      }
    }
    return outcomes;
  }

  public static double tierProbability(PrizeTier tier) {
    return tierOutcomes(tier) / (double) TICKETS;
  }

  /** Every tier's probability, NONE included (they sum to 1). */
  public static Map<PrizeTier, Double> tierProbabilities() {
    Map<PrizeTier, Double> probabilities = new EnumMap<>(PrizeTier.class);
    for (PrizeTier tier : PrizeTier.values()) {
      probabilities.put(tier, tierProbability(tier));
    }
    return probabilities;
  }
}
