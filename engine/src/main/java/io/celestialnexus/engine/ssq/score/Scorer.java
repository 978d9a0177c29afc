package io.celestialnexus.engine.ssq.score;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.Forecast;
import io.celestialnexus.engine.ssq.Ticket;

/**
 * Scores a forecast on the actual draw. The red log-loss treats the red vector as a distribution over the six
 * red places: {@code -Σ ln p(r)} over the drawn reds. Its expectation is smallest when the vector is each
 * number's true chance of being drawn divided by six, so it rewards honest probabilities; for the uniform
 * vector it is exactly 6·ln 33.
 */
public final class Scorer {

  private Scorer() {}

  public static Score score(Forecast forecast, Ticket picks, Draw actual) {
    double redLoss = 0;
    for (int red : actual.reds()) {
      redLoss -= Math.log(forecast.red(red));
    }
    int hits = picks.redHits(actual);
    boolean blueHit = picks.blueHit(actual);
    return new Score(hits, blueHit, PrizeTier.of(hits, blueHit), redLoss, -Math.log(forecast.blue(actual.blue())));
  }

  /** Scores a forecast by its own picks (the top six reds and top blue). */
  public static Score score(Forecast forecast, Draw actual) {
    return score(forecast, Ticket.topOf(forecast), actual);
  }
}
