package io.celestialnexus.engine.ssq;

import com.typesafe.config.ConfigFactory;
import io.celestialnexus.engine.ssq.autorl.AutoRlSettings;
import io.celestialnexus.engine.ssq.autorl.PromotionMethod;
import io.celestialnexus.engine.ssq.autorl.RollbackRule;
import io.celestialnexus.engine.ssq.evaluation.WalkForward;
import io.celestialnexus.engine.ssq.evaluation.WalkForwardTrace;
import io.celestialnexus.engine.ssq.strategy.Strategy;
import io.celestialnexus.engine.ssq.strategy.StrategyCatalog;
import io.celestialnexus.engine.ssq.tuning.WeightPolicy;
import io.celestialnexus.engine.support.SettingsReader;
import java.time.Duration;
import java.util.List;

/** The shipped SSQ settings and walk-forwards with them, for the domain's tests. */
public final class SsqTesting {

  /** Exactly what reference.conf ships. */
  public static final SsqSettings SHIPPED = SsqSettings.fromConfig(new SettingsReader(ConfigFactory.load(), "nexus.engine.ssq"));
  public static final List<Strategy> STRATEGIES = StrategyCatalog.standard(SHIPPED.strategies());
  public static final List<String> NAMES = STRATEGIES.stream().map(Strategy::name).toList();
  /** The policy a fresh node starts with: even prior, shipped tuner. */
  public static final WeightPolicy FRESH = WeightPolicy.uniform(NAMES, SHIPPED.tuner());

  private static WalkForwardTrace bundled;

  private SsqTesting() {}

  /** The fresh policy walked over the whole shipped history; computed once per test JVM (a few seconds). */
  public static synchronized WalkForwardTrace bundledTrace() {
    if (bundled == null) {
      bundled = walk(DrawCsv.bundled());
    }
    return bundled;
  }

  public static WalkForwardTrace walk(List<Draw> draws) {
    return new WalkForward(STRATEGIES, FRESH).run(draws);
  }

  /** The shipped AutoRL settings with another promotion method and apply flag. */
  public static AutoRlSettings autorl(PromotionMethod method, boolean apply) {
    AutoRlSettings s = SHIPPED.autorl();
    return new AutoRlSettings(
        s.minInterval(), apply, method, s.blendAlpha(), s.promoteTargetWeight(), s.replaceWeight(), s.minDelta(), s.lowerBoundDelta(),
        s.confidence(), s.evaluationDraws(), s.randomCandidates(), s.rollback());
  }

  /** A strategy for a test: {@code forecast} answers for every target. */
  public static Strategy strategy(String name, String title, java.util.function.BiFunction<History, DrawContext, Forecast> forecast) {
    return new Strategy() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String title() {
        return title;
      }

      @Override
      public Forecast forecast(History history, DrawContext target) {
        return forecast.apply(history, target);
      }
    };
  }

  public static AutoRlSettings gate(double minDelta, double lowerBoundDelta) {
    AutoRlSettings s = SHIPPED.autorl();
    return new AutoRlSettings(
        Duration.ofHours(24), true, s.method(), s.blendAlpha(), s.promoteTargetWeight(), s.replaceWeight(), minDelta, lowerBoundDelta,
        s.confidence(), s.evaluationDraws(), s.randomCandidates(), new RollbackRule(30, 0.05));
  }
}
