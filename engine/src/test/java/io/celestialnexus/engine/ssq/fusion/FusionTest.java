package io.celestialnexus.engine.ssq.fusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.engine.ssq.DrawContext;
import io.celestialnexus.engine.ssq.DrawCsv;
import io.celestialnexus.engine.ssq.Forecast;
import io.celestialnexus.engine.ssq.History;
import io.celestialnexus.engine.ssq.Ticket;
import io.celestialnexus.engine.ssq.state.Prediction;
import io.celestialnexus.engine.ssq.strategy.StrategyCatalog;
import io.celestialnexus.engine.ssq.strategy.StrategySettings;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FusionTest {

  /** Reds 1..6 weigh {@code weight}, the rest 1; blue 1 weighs {@code weight}. */
  private static Forecast leaning(double weight) {
    double[] reds = new double[33];
    Arrays.fill(reds, 1);
    Arrays.fill(reds, 0, 6, weight);
    double[] blues = new double[16];
    Arrays.fill(blues, 1);
    blues[0] = weight;
    return Forecast.ofWeights(reds, blues);
  }

  @Test
  void theFusionIsTheWeightedMixtureOfTheVectors() {
    Forecast sharp = leaning(28); // reds 1..6 each 28/195
    Weighting weights = new Weighting(new LinkedHashMap<>(Map.of("uniform", 3.0, "sharp", 1.0)));
    Forecast fused = Fusion.mix(weights, Map.of("uniform", Forecast.uniform(), "sharp", sharp));
    assertEquals(0.75 / 33 + 0.25 * 28 / 195, fused.red(1), 1e-12);
    assertEquals(0.75 / 33 + 0.25 / 195, fused.red(33), 1e-12);
    assertEquals(0.75 / 16 + 0.25 * 28 / 43, fused.blue(1), 1e-12);
  }

  @Test
  void aWeightedStrategyWithoutAForecastIsAnErrorButAZeroWeightedOneIsIgnored() {
    Weighting weights = new Weighting(new LinkedHashMap<>(Map.of("uniform", 1.0, "missing", 0.0)));
    assertArrayEquals(Forecast.uniform().reds(), Fusion.mix(weights, Map.of("uniform", Forecast.uniform())).reds(), 1e-15);
    Weighting needsIt = new Weighting(Map.of("missing", 1.0));
    assertThrows(IllegalArgumentException.class, () -> Fusion.mix(needsIt, Map.of("uniform", Forecast.uniform())));
  }

  @Test
  void weightingsNormaliseBlendAndPromote() {
    Weighting weights = Weighting.of(List.of("a", "b", "c"), new double[] {2, 1, 1});
    assertEquals(0.5, weights.weight("a"), 1e-15);
    assertEquals(List.of("a", "b", "c"), weights.names(), "keeps the strategies' order");
    Weighting blended = weights.blend(Weighting.of(List.of("a", "b", "c"), new double[] {0, 0, 1}), 0.5);
    assertEquals(0.25, blended.weight("a"), 1e-15);
    assertEquals(0.625, blended.weight("c"), 1e-15);
    Weighting promoted = weights.withWeight("b", 0.6);
    assertEquals(0.6, promoted.weight("b"), 1e-15);
    assertEquals(0.4 * 2 / 3, promoted.weight("a"), 1e-15, "the others keep their proportions");
    assertThrows(IllegalArgumentException.class, () -> Weighting.of(List.of("a"), new double[] {0}));
    assertThrows(IllegalArgumentException.class, () -> Weighting.of(List.of("a"), new double[] {-1}));
  }

  @Test
  void ticketsAreDistinctAndTheSameForTheSameSeed() {
    Forecast forecast = leaning(3);
    List<Ticket> tickets = TicketSampler.sample(forecast, 50, 2026096);
    assertEquals(50, tickets.size());
    assertEquals(50, new HashSet<>(tickets).size());
    assertEquals(tickets, TicketSampler.sample(forecast, 50, 2026096));
    assertNotEquals(tickets, TicketSampler.sample(forecast, 50, 2026097));
    assertEquals(List.of(), TicketSampler.sample(forecast, 0, 1));
  }

  @Test
  void ticketsFollowTheForecast() {
    Forecast forecast = leaning(10); // reds 1..6 weigh 10 each against 27 others of 1; blue 1 weighs 10 of 25
    int[] redCounts = new int[34];
    int blueOnes = 0;
    for (Ticket ticket : TicketSampler.sample(forecast, 1000, 7)) {
      ticket.reds().forEach(red -> redCounts[red]++);
      blueOnes += ticket.blue() == 1 ? 1 : 0;
    }
    assertTrue(redCounts[1] > 4 * redCounts[33], "a red ten times as likely is drawn far more often: " + Arrays.toString(redCounts));
    assertEquals(redCounts[1], redCounts[6], 60, "equally likely reds come about equally often");
    assertEquals(redCounts[20], redCounts[33], 60);
    assertEquals(0.4, blueOnes / 1000.0, 0.05);
  }

  @Test
  void aPredictionPicksTheTopOfTheFusionAndSamplesTicketsSeededByTheIssue() {
    var draws = DrawCsv.bundled();
    var strategies = StrategyCatalog.standard(new StrategySettings(100, 1.0, 0.5, 3.0, 300, 1.0, 0.5));
    Weighting weights = Weighting.uniform(strategies.stream().map(s -> s.name()).toList());
    DrawContext next = io.celestialnexus.engine.ssq.DrawSchedule.after(draws.get(draws.size() - 1));
    Map<String, Forecast> forecasts = new LinkedHashMap<>();
    strategies.forEach(strategy -> forecasts.put(strategy.name(), strategy.forecast(History.of(draws), next)));
    Forecast fused = Fusion.mix(weights, forecasts);

    Prediction prediction = Prediction.fromForecast(next.issue(), fused, 5, 12);

    assertEquals(next.issue(), prediction.issue());
    assertEquals(Ticket.topOf(fused), prediction.picks());
    assertEquals(5, prediction.extraTickets().size());
    assertEquals(12, prediction.weightsVersion());
    assertEquals(Ticket.topOf(prediction.forecast()), prediction.picks(), "the stored probabilities give back the picks");
    assertEquals(prediction, Prediction.fromForecast(next.issue(), fused, 5, 12), "same input, same prediction");
  }

  @Test
  void aPredictionAndItsContextReadBackEqualFromJson() throws Exception {
    var draws = DrawCsv.bundled();
    DrawContext next = io.celestialnexus.engine.ssq.DrawSchedule.after(draws.get(draws.size() - 1));
    Prediction prediction = Prediction.fromForecast(next.issue(), Forecast.uniform(), 3, 0);
    var mapper = io.celestialnexus.engine.status.StatusJson.mapper();
    assertEquals(prediction, mapper.readValue(mapper.writeValueAsString(prediction), Prediction.class));
    assertEquals(next, mapper.readValue(mapper.writeValueAsString(next), DrawContext.class));
  }
}
