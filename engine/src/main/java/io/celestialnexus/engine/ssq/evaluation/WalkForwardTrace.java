package io.celestialnexus.engine.ssq.evaluation;

import io.celestialnexus.engine.ssq.fusion.Weighting;
import io.celestialnexus.engine.ssq.tuning.WeightPolicy;
import java.util.List;

/**
 * What a walk-forward produced: the strategies' names, the policy it tuned with, one record per draw (oldest
 * first) and the weights tuned after the last draw, i.e. those the next prediction would use.
 */
public record WalkForwardTrace(List<String> strategies, WeightPolicy policy, List<DrawRecord> records, Weighting nextWeights) {

  public WalkForwardTrace {
    strategies = List.copyOf(strategies);
    records = List.copyOf(records);
  }

  /** The last {@code count} records (all of them when count is 0 or more than there are). */
  public List<DrawRecord> last(int count) {
    return count <= 0 || count >= records.size() ? records : records.subList(records.size() - count, records.size());
  }
}
