package io.celestialnexus.engine.ssq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastTest {

  private static double[] ones(int size) {
    double[] ones = new double[size];
    Arrays.fill(ones, 1);
    return ones;
  }

  @Test
  void weightsBecomeProbabilitiesSummingToOne() {
    double[] reds = ones(33);
    reds[6] = 3; // red 7
    Forecast forecast = Forecast.ofWeights(reds, ones(16));
    assertEquals(3 / 35.0, forecast.red(7), 1e-15);
    assertEquals(1 / 35.0, forecast.red(1), 1e-15);
    assertEquals(1.0, Arrays.stream(forecast.reds()).sum(), 1e-12);
    assertEquals(1 / 16.0, forecast.blue(16), 1e-15);
  }

  @Test
  void aZeroOrNonFiniteWeightIsRefusedBecauseItsLogLossWouldBeInfinite() {
    double[] reds = ones(33);
    reds[32] = 0;
    var error = assertThrows(IllegalArgumentException.class, () -> Forecast.ofWeights(reds, ones(16)));
    assertTrue(error.getMessage().contains("red 33"), error.getMessage());
    double[] blues = ones(16);
    blues[0] = Double.NaN;
    assertThrows(IllegalArgumentException.class, () -> Forecast.ofWeights(ones(33), blues));
    assertThrows(IllegalArgumentException.class, () -> Forecast.ofWeights(ones(32), ones(16)));
  }

  @Test
  void aForecastCannotBeChangedThroughItsArrays() {
    Forecast forecast = Forecast.uniform();
    forecast.reds()[0] = 1;
    assertEquals(1 / 33.0, forecast.red(1), 1e-15);
  }

  @Test
  void picksAreTheSixMostLikelyRedsAndTheMostLikelyBlueWithTiesToTheLowerNumber() {
    double[] reds = ones(33);
    for (int red : List.of(30, 5, 17, 22, 9)) {
      reds[red - 1] = 2;
    }
    double[] blues = ones(16);
    blues[11] = 1.5;
    Ticket picks = Ticket.topOf(Forecast.ofWeights(reds, blues));
    assertEquals(List.of(1, 5, 9, 17, 22, 30), picks.reds(), "the sixth place goes to the lowest of the tied reds");
    assertEquals(12, picks.blue());
    assertEquals(new Ticket(List.of(1, 2, 3, 4, 5, 6), 1), Ticket.topOf(Forecast.uniform()));
  }

  @Test
  void aTicketCountsItsHitsOnADraw() {
    Draw draw = new Draw(2026001, LocalDate.of(2026, 1, 1), List.of(1, 2, 3, 10, 20, 30), 7);
    Ticket ticket = new Ticket(List.of(30, 3, 4, 5, 6, 1), 7);
    assertEquals(List.of(1, 3, 4, 5, 6, 30), ticket.reds());
    assertEquals(3, ticket.redHits(draw));
    assertTrue(ticket.blueHit(draw));
    assertThrows(IllegalArgumentException.class, () -> new Ticket(List.of(1, 1, 2, 3, 4, 5), 1));
    assertThrows(IllegalArgumentException.class, () -> new Ticket(List.of(1, 2, 3, 4, 5, 6), 17));
  }

  @Test
  void historyPrefixesShareTheDrawsAndMaskTheReds() {
    Draw first = new Draw(2026001, LocalDate.of(2026, 1, 1), List.of(1, 2, 3, 10, 20, 33), 7);
    Draw second = new Draw(2026002, LocalDate.of(2026, 1, 4), List.of(4, 5, 6, 7, 8, 9), 16);
    History history = History.of(List.of(first, second));
    assertEquals(1L | 1L << 1 | 1L << 2 | 1L << 9 | 1L << 19 | 1L << 32, history.redMask(0));
    History before = history.before(1);
    assertEquals(1, before.size());
    assertEquals(first, before.last());
    assertThrows(IndexOutOfBoundsException.class, () -> before.get(1));
    assertEquals(List.of(first), before.draws());
  }

  @Test
  void theNextDrawIsTheNextTuesdayThursdayOrSundayAndTheIssueRestartsEachYear() {
    Draw sunday = new Draw(2025151, LocalDate.of(2025, 12, 28), List.of(1, 2, 3, 4, 5, 6), 1);
    DrawContext next = DrawSchedule.after(sunday);
    assertEquals(LocalDate.of(2025, 12, 30), next.date());
    assertEquals(2025152, next.issue());
    Draw tuesday = new Draw(2025152, LocalDate.of(2025, 12, 30), List.of(1, 2, 3, 4, 5, 6), 1);
    DrawContext newYear = DrawSchedule.after(tuesday);
    assertEquals(LocalDate.of(2026, 1, 1), newYear.date());
    assertEquals(2026001, newYear.issue());
    assertEquals(DrawContext.DRAW_TIME, newYear.calendar().time().toLocalTime());
  }
}
