package io.celestialnexus.engine.ssq.strategy;

import io.celestialnexus.engine.ssq.DrawContext;
import io.celestialnexus.engine.ssq.History;
import io.celestialnexus.engine.ssq.Forecast;

/** The baseline: every red 1/33, every blue 1/16, which is exactly how a fair draw behaves. */
public final class UniformStrategy implements Strategy {

  public static final String NAME = "uniform";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String title() {
    return "uniform: every number equally likely (the fair-lottery baseline)";
  }

  @Override
  public Forecast forecast(History history, DrawContext target) {
    return Forecast.uniform();
  }
}
