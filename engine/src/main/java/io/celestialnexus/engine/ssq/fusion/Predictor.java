package io.celestialnexus.engine.ssq.fusion;

import io.celestialnexus.engine.ssq.History;
import io.celestialnexus.engine.ssq.DrawContext;
import io.celestialnexus.engine.ssq.Forecast;
import io.celestialnexus.engine.ssq.Ticket;
import io.celestialnexus.engine.ssq.strategy.Strategy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Asks every strategy, fuses their forecasts with the given weights, picks, and samples tickets seeded by the issue. */
public final class Predictor {

  private final List<Strategy> strategies;

  public Predictor(List<Strategy> strategies) {
    this.strategies = List.copyOf(strategies);
  }

  /** Each strategy's forecast for {@code target}, in the strategies' order. */
  public Map<String, Forecast> forecasts(History history, DrawContext target) {
    Map<String, Forecast> forecasts = new LinkedHashMap<>();
    for (Strategy strategy : strategies) {
      forecasts.put(strategy.name(), strategy.forecast(history, target));
    }
    return forecasts;
  }

  /** @param tickets how many distinct tickets to sample from the fused forecast (0 for none) */
  public Prediction predict(History history, DrawContext target, Weighting weights, int tickets) {
    Map<String, Forecast> forecasts = forecasts(history, target);
    Forecast fused = Fusion.mix(weights, forecasts);
    return new Prediction(
        target.issue(), target.date(), forecasts, weights, fused, Ticket.topOf(fused), TicketSampler.sample(fused, tickets, target.issue()));
  }
}
