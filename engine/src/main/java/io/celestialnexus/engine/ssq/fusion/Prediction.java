package io.celestialnexus.engine.ssq.fusion;

import io.celestialnexus.engine.ssq.Forecast;
import io.celestialnexus.engine.ssq.Ticket;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A prediction for one issue: each strategy's forecast, the weights they were fused with, the fused forecast,
 * its picks (top six reds, top blue) and any sampled tickets.
 */
public record Prediction(
    int issue, LocalDate date, Map<String, Forecast> forecasts, Weighting weights, Forecast fused, Ticket picks, List<Ticket> tickets) {

  public Prediction {
    forecasts = Collections.unmodifiableMap(new LinkedHashMap<>(forecasts)); // keeps the strategies' order
    tickets = List.copyOf(tickets);
  }
}
