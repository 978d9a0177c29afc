package io.celestialnexus.engine.ssq.loop;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.DrawContext;
import io.celestialnexus.engine.ssq.Forecast;
import io.celestialnexus.engine.ssq.History;
import io.celestialnexus.engine.ssq.Ticket;
import io.celestialnexus.engine.ssq.evaluation.DrawRecord;
import io.celestialnexus.engine.ssq.evaluation.Likelihoods;
import io.celestialnexus.engine.ssq.fusion.Fusion;
import io.celestialnexus.engine.ssq.fusion.Weighting;
import io.celestialnexus.engine.ssq.score.PrizeTier;
import io.celestialnexus.engine.ssq.score.Score;
import io.celestialnexus.engine.ssq.score.Scorer;
import io.celestialnexus.engine.ssq.state.Prediction;
import io.celestialnexus.engine.ssq.state.Review;
import io.celestialnexus.engine.ssq.strategy.Strategy;
import io.celestialnexus.engine.ssq.tuning.Tuner;
import io.celestialnexus.engine.ssq.tuning.WeightPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loop's arithmetic, free of storage and threads: forecasting an issue from the draws before it, fusing the
 * forecasts, scoring a prediction once drawn, and the tuner step over the recent records.
 */
final class IssueReviewer {

  private final List<Strategy> strategies;
  private final List<String> names;

  IssueReviewer(List<Strategy> strategies) {
    this.strategies = List.copyOf(strategies);
    this.names = strategies.stream().map(Strategy::name).toList();
  }

  List<String> names() {
    return names;
  }

  /** Each strategy's one-line description, by name, in the strategies' order. */
  Map<String, String> titles() {
    Map<String, String> titles = new LinkedHashMap<>();
    strategies.forEach(strategy -> titles.put(strategy.name(), strategy.title()));
    return titles;
  }

  /** Every strategy's forecast for {@code target} from {@code before} (draws strictly earlier). */
  Map<String, Forecast> forecasts(History before, DrawContext target) {
    Map<String, Forecast> forecasts = new LinkedHashMap<>();
    for (Strategy strategy : strategies) {
      forecasts.put(strategy.name(), strategy.forecast(before, target));
    }
    return forecasts;
  }

  static Forecast fused(Weighting weights, Map<String, Forecast> forecasts) {
    return Fusion.mix(weights, forecasts);
  }

  /** Scores a stored prediction (its own picks, its own probabilities) and every strategy on the drawn numbers. */
  DrawRecord score(Draw draw, Prediction prediction, Weighting used, Map<String, Forecast> forecasts) {
    return score(draw, prediction.forecast(), prediction.picks(), used, forecasts);
  }

  /** Scores a fused forecast by {@code picks}, and every strategy, on the drawn numbers. */
  DrawRecord score(Draw draw, Forecast fused, Ticket picks, Weighting used, Map<String, Forecast> forecasts) {
    Score fusion = Scorer.score(fused, picks, draw);
    List<Score> scores = new ArrayList<>(names.size());
    for (String name : names) {
      scores.add(Scorer.score(forecasts.get(name), draw));
    }
    return new DrawRecord(draw, used, fusion, scores, Likelihoods.of(List.copyOf(forecasts.values()), draw));
  }

  static Review review(DrawRecord record) {
    Score score = record.fusion();
    return new Review(record.draw().issue(), score.redHits(), score.blueHit(), tierNumber(score.tier()), score.logLoss());
  }

  /** The tuner step: exponential weights on each strategy's log-loss summed over the policy's window of recent records. */
  Weighting tune(WeightPolicy policy, List<DrawRecord> records) {
    double[] sums = new double[names.size()];
    for (int t = Math.max(0, records.size() - policy.tuner().window()); t < records.size(); t++) {
      List<Score> scores = records.get(t).strategies();
      for (int s = 0; s < sums.length; s++) {
        sums[s] += scores.get(s).logLoss();
      }
    }
    return Tuner.tune(policy, names, sums);
  }

  /** 1 for the first prize … 6 for the sixth, 0 for none, as a {@link Review} stores it. */
  static int tierNumber(PrizeTier tier) {
    return tier == PrizeTier.NONE ? 0 : tier.ordinal() + 1;
  }
}
