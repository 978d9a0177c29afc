package io.celestialnexus.engine.ssq.state;

import io.celestialnexus.persistence.CborSerializable;

/**
 * How a prediction scored once its draw was known: red hits (0..6), blue hit, prize tier (1..6 under the
 * official rules, 0 for no prize) and the log-loss of the fused distribution on the drawn numbers.
 */
public record Review(int issue, int redHits, boolean blueHit, int prizeTier, double logLoss) implements CborSerializable {

  public Review {
    if (redHits < 0 || redHits > 6) {
      throw new IllegalArgumentException("red hits must be within 0..6, was " + redHits);
    }
    if (prizeTier < 0 || prizeTier > 6) {
      throw new IllegalArgumentException("prize tier must be within 0..6, was " + prizeTier);
    }
    if (!Double.isFinite(logLoss) || logLoss < 0) {
      throw new IllegalArgumentException("log-loss must be a finite number >= 0, was " + logLoss);
    }
  }
}
