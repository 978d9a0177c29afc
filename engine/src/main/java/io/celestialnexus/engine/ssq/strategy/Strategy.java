package io.celestialnexus.engine.ssq.strategy;

import io.celestialnexus.engine.ssq.DrawContext;
import io.celestialnexus.engine.ssq.History;
import io.celestialnexus.engine.ssq.Forecast;

/**
 * One way of guessing a draw: from the draws before it and what is known about it (issue, date, calendar), a
 * probability vector over the reds and one over the blues. A strategy is a pure function of its settings and
 * those inputs: same input, same forecast, on any thread (implementations hold no mutable state).
 */
public interface Strategy {

  /** Stable key (ASCII, kebab-case): weights, reports, charts and metrics tags use it. */
  String name();

  /** One line for people: what it does and with which settings. */
  String title();

  /**
   * @param history every earlier draw, oldest first, none on or after the target
   * @param target the draw being predicted
   */
  Forecast forecast(History history, DrawContext target);
}
