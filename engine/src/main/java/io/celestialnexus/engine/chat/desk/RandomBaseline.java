package io.celestialnexus.engine.chat.desk;

/**
 * What pure chance scores on one ticket of 6 reds (of 33) and 1 blue (of 16): every hit rate is shown beside it.
 *
 * @param expectedRedHits expected red hits per ticket: 6 picks x 6/33 = 36/33
 * @param blueHitRate chance that the one blue pick is right: 1/16
 */
public record RandomBaseline(double expectedRedHits, double blueHitRate) {

  /** The exact baseline of 双色球 (SSQ). */
  public static final RandomBaseline SSQ = new RandomBaseline(36.0 / 33.0, 1.0 / 16.0);
}
