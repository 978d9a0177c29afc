package io.celestialnexus.engine.ssq.score;

/**
 * How one forecast did on one draw: its picks' red hits, blue hit and prize tier, and the log-loss (nats) of
 * the forecast's distribution on the drawn numbers.
 *
 * @param redLogLoss minus the sum of the natural logs of the probability shares of the six drawn reds
 * @param blueLogLoss minus the natural log of the drawn blue's probability
 */
public record Score(int redHits, boolean blueHit, PrizeTier tier, double redLogLoss, double blueLogLoss) {

  public double logLoss() {
    return redLogLoss + blueLogLoss;
  }
}
