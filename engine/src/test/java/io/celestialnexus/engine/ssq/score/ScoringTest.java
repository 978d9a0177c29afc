package io.celestialnexus.engine.ssq.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.Forecast;
import io.celestialnexus.engine.ssq.Ticket;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoringTest {

  private static final Draw DRAW = new Draw(2026001, LocalDate.of(2026, 1, 1), List.of(3, 8, 15, 21, 27, 33), 9);

  @Test
  void prizeTiersFollowTheOfficialRules() {
    assertEquals(PrizeTier.FIRST, PrizeTier.of(6, true));
    assertEquals(PrizeTier.SECOND, PrizeTier.of(6, false));
    assertEquals(PrizeTier.THIRD, PrizeTier.of(5, true));
    assertEquals(PrizeTier.FOURTH, PrizeTier.of(5, false));
    assertEquals(PrizeTier.FOURTH, PrizeTier.of(4, true));
    assertEquals(PrizeTier.FIFTH, PrizeTier.of(4, false));
    assertEquals(PrizeTier.FIFTH, PrizeTier.of(3, true));
    assertEquals(PrizeTier.NONE, PrizeTier.of(3, false));
    assertEquals(PrizeTier.SIXTH, PrizeTier.of(2, true));
    assertEquals(PrizeTier.SIXTH, PrizeTier.of(1, true));
    assertEquals(PrizeTier.SIXTH, PrizeTier.of(0, true));
    assertEquals(PrizeTier.NONE, PrizeTier.of(2, false));
    assertEquals(PrizeTier.NONE, PrizeTier.of(0, false));
    assertThrows(IllegalArgumentException.class, () -> PrizeTier.of(7, true));
  }

  @Test
  void theRandomBaselineHasTheOfficialOdds() {
    assertEquals(17_721_088L, RandomBaseline.TICKETS);
    assertEquals(1, RandomBaseline.tierOutcomes(PrizeTier.FIRST));
    assertEquals(15, RandomBaseline.tierOutcomes(PrizeTier.SECOND));
    assertEquals(162, RandomBaseline.tierOutcomes(PrizeTier.THIRD));
    assertEquals(7_695, RandomBaseline.tierOutcomes(PrizeTier.FOURTH));
    assertEquals(137_475, RandomBaseline.tierOutcomes(PrizeTier.FIFTH));
    assertEquals(1_043_640, RandomBaseline.tierOutcomes(PrizeTier.SIXTH));
    long all = Arrays.stream(PrizeTier.values()).mapToLong(RandomBaseline::tierOutcomes).sum();
    assertEquals(RandomBaseline.TICKETS, all);
    assertEquals(1.0, RandomBaseline.tierProbabilities().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
  }

  @Test
  void theRandomBaselineFiguresAreExact() {
    assertEquals(36 / 33.0, RandomBaseline.EXPECTED_RED_HITS, 1e-12);
    assertEquals(6.0 * 6 / 33 * 27 / 33 * 27 / 32, RandomBaseline.RED_HITS_VARIANCE, 1e-12);
    assertEquals(1 / 16.0, RandomBaseline.BLUE_HIT_RATE);
    assertEquals(6 * Math.log(33) + Math.log(16), RandomBaseline.UNIFORM_LOG_LOSS, 1e-12);
    double mean = 0;
    for (int hits = 0; hits <= 6; hits++) {
      mean += hits * RandomBaseline.redHitsProbability(hits);
    }
    assertEquals(RandomBaseline.EXPECTED_RED_HITS, mean, 1e-12);
  }

  @Test
  void aScoreCountsThePicksHitsAndTheForecastsLogLoss() {
    Ticket picks = new Ticket(List.of(3, 8, 15, 21, 1, 2), 9);
    Score score = Scorer.score(Forecast.uniform(), picks, DRAW);
    assertEquals(4, score.redHits());
    assertEquals(true, score.blueHit());
    assertEquals(PrizeTier.FOURTH, score.tier());
    assertEquals(6 * Math.log(33), score.redLogLoss(), 1e-12);
    assertEquals(RandomBaseline.UNIFORM_LOG_LOSS, score.logLoss(), 1e-12);
  }

  @Test
  void aForecastThatPutsMoreOnTheDrawnNumbersLosesLess() {
    double[] reds = new double[33];
    Arrays.fill(reds, 1);
    for (int red : DRAW.reds()) {
      reds[red - 1] = 2;
    }
    double[] blues = new double[16];
    Arrays.fill(blues, 1);
    Score sharp = Scorer.score(Forecast.ofWeights(reds, blues), DRAW);
    assertEquals(-6 * Math.log(2 / 39.0), sharp.redLogLoss(), 1e-12);
    assertEquals(6, sharp.redHits(), "its own picks are the six favoured reds");
    assertFalse(sharp.blueHit(), "blue ties go to 1, and 9 was drawn");
    assertEquals(PrizeTier.SECOND, sharp.tier());
  }
}
