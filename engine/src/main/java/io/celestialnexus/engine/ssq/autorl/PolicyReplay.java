package io.celestialnexus.engine.ssq.autorl;

import io.celestialnexus.engine.ssq.evaluation.DrawRecord;
import io.celestialnexus.engine.ssq.evaluation.WalkForwardTrace;
import io.celestialnexus.engine.ssq.tuning.LossWindow;
import io.celestialnexus.engine.ssq.tuning.Tuner;
import io.celestialnexus.engine.ssq.tuning.WeightPolicy;
import java.util.List;

/**
 * Replays a policy walk-forward over a recorded trace: for each draw from {@code from} on, the weights it would
 * have tuned from the strategies' losses on the draws before (its own window, primed from the draws before
 * {@code from}), and the log-loss its fused forecast would have had. The strategies' forecasts do not depend
 * on the weights, so the trace's likelihoods are all a replay needs.
 */
public final class PolicyReplay {

  private PolicyReplay() {}

  /** The policy's fused log-loss on records {@code from} to the end, in order. */
  public static double[] losses(WalkForwardTrace trace, WeightPolicy policy, int from) {
    List<String> names = trace.strategies();
    List<DrawRecord> records = trace.records();
    if (from < 0 || from > records.size()) {
      throw new IllegalArgumentException("replay start " + from + " outside the trace of " + records.size());
    }
    int window = policy.tuner().window();
    LossWindow losses = new LossWindow(names.size(), window);
    for (int t = Math.max(0, from - window); t < from; t++) {
      losses.add(strategyLosses(records.get(t)));
    }
    double[] fused = new double[records.size() - from];
    for (int t = from; t < records.size(); t++) {
      double[] weights = Tuner.tune(policy, names, losses.sums()).toArray(names);
      fused[t - from] = records.get(t).likelihoods().mixtureLogLoss(weights);
      losses.add(strategyLosses(records.get(t)));
    }
    return fused;
  }

  private static double[] strategyLosses(DrawRecord record) {
    double[] losses = new double[record.strategies().size()];
    for (int s = 0; s < losses.length; s++) {
      losses[s] = record.strategies().get(s).logLoss();
    }
    return losses;
  }
}
