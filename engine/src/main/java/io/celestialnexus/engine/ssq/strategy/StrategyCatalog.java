package io.celestialnexus.engine.ssq.strategy;

import java.util.List;

/** The strategies the node runs, in a fixed order (the order of weights, reports and charts). */
public final class StrategyCatalog {

  private StrategyCatalog() {}

  public static List<Strategy> standard(StrategySettings settings) {
    return List.of(
        new UniformStrategy(),
        new FrequencyStrategy(settings.frequencyWindow(), settings.frequencySmoothing()),
        new GapStrategy(settings.gapStrength(), settings.gapCap()),
        new MarkovStrategy(settings.markovWindow(), settings.markovSmoothing()),
        new XiaoLiuRenStrategy(settings.traditionalTilt()),
        new LiuYaoStrategy(settings.traditionalTilt()),
        new MeiHuaStrategy(settings.traditionalTilt()),
        new QiMenStrategy(settings.traditionalTilt()));
  }
}
