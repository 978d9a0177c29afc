package io.celestialnexus.engine.ssq.autorl;

/**
 * When a promotion is undone: once {@code draws} draws have been scored since it, compare on those same draws
 * the log-loss the promoted policy had with the log-loss the policy it replaced would have had (replayed
 * from the same strategy forecasts). Paired on the same draws because draws differ far more from each other
 * than policies do. If the promoted policy did worse by more than {@code margin} nats per draw on average, it
 * is rolled back.
 */
public record RollbackRule(int draws, double margin) {

  public RollbackRule {
    if (draws < 1 || !(margin >= 0)) {
      throw new IllegalArgumentException("rollback needs at least one draw and a margin >= 0");
    }
  }

  /**
   * @param promotedLosses the promoted policy's log-loss per draw since the promotion, oldest first
   * @param previousLosses the replaced policy's log-loss on the same draws
   */
  public RollbackDecision decide(double[] promotedLosses, double[] previousLosses) {
    if (promotedLosses.length != previousLosses.length) {
      throw new IllegalArgumentException("the two loss series must cover the same draws");
    }
    if (promotedLosses.length < draws) {
      return new RollbackDecision.Pending(promotedLosses.length, draws);
    }
    double promoted = 0;
    double previous = 0;
    for (int i = 0; i < draws; i++) {
      promoted += promotedLosses[i];
      previous += previousLosses[i];
    }
    promoted /= draws;
    previous /= draws;
    return promoted - previous > margin
        ? new RollbackDecision.RollBack(draws, promoted, previous, margin)
        : new RollbackDecision.Keep(draws, promoted, previous, margin);
  }
}
