package io.celestialnexus.engine.ssq.evaluation;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.fusion.Weighting;
import io.celestialnexus.engine.ssq.score.Score;
import java.util.List;

/**
 * One step of a walk-forward: the draw, the weights the fusion used (tuned on earlier draws only), the fused
 * forecast's score, each strategy's score in the strategies' order, and the likelihoods for replays.
 */
public record DrawRecord(Draw draw, Weighting weights, Score fusion, List<Score> strategies, Likelihoods likelihoods) {

  public DrawRecord {
    strategies = List.copyOf(strategies);
  }
}
