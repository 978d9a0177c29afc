package io.celestialnexus.engine.ssq.evaluation;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.DrawContext;
import io.celestialnexus.engine.ssq.Forecast;
import io.celestialnexus.engine.ssq.History;
import io.celestialnexus.engine.ssq.fusion.Fusion;
import io.celestialnexus.engine.ssq.fusion.Weighting;
import io.celestialnexus.engine.ssq.score.Score;
import io.celestialnexus.engine.ssq.score.Scorer;
import io.celestialnexus.engine.ssq.strategy.Strategy;
import io.celestialnexus.engine.ssq.tuning.LossWindow;
import io.celestialnexus.engine.ssq.tuning.Tuner;
import io.celestialnexus.engine.ssq.tuning.WeightPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays a history as the live loop lives it: for each draw in turn, every strategy forecasts from the draws
 * before it only, the fusion mixes them with weights tuned on the losses of earlier draws only, then the draw
 * is revealed, everything is scored and the losses enter the tuner's window. Nothing of a draw is seen before
 * it is predicted. The first draw is predicted too (from no history: the statistical strategies are uniform).
 */
public final class WalkForward {

  private final List<Strategy> strategies;
  private final List<String> names;
  private final WeightPolicy policy;

  public WalkForward(List<Strategy> strategies, WeightPolicy policy) {
    this.strategies = List.copyOf(strategies);
    this.names = strategies.stream().map(Strategy::name).toList();
    this.policy = policy;
    for (String name : policy.prior().names()) {
      if (!names.contains(name)) {
        throw new IllegalArgumentException("the policy weighs " + name + ", which is not one of the strategies " + names);
      }
    }
  }

  public WalkForwardTrace run(List<Draw> draws) {
    History history = History.of(draws);
    LossWindow window = new LossWindow(names.size(), policy.tuner().window());
    List<DrawRecord> records = new ArrayList<>(history.size());
    for (int t = 0; t < history.size(); t++) {
      Draw draw = history.get(t);
      History before = history.before(t);
      DrawContext context = DrawContext.of(draw);
      Weighting weights = Tuner.tune(policy, names, window.sums());
      Map<String, Forecast> forecasts = new LinkedHashMap<>();
      List<Score> scores = new ArrayList<>(names.size());
      double[] losses = new double[names.size()];
      for (int s = 0; s < strategies.size(); s++) {
        Forecast forecast = strategies.get(s).forecast(before, context);
        forecasts.put(names.get(s), forecast);
        Score score = Scorer.score(forecast, draw);
        scores.add(score);
        losses[s] = score.logLoss();
      }
      Score fused = Scorer.score(Fusion.mix(weights, forecasts), draw);
      records.add(new DrawRecord(draw, weights, fused, scores, Likelihoods.of(List.copyOf(forecasts.values()), draw)));
      window.add(losses);
    }
    return new WalkForwardTrace(names, policy, records, Tuner.tune(policy, names, window.sums()));
  }
}
