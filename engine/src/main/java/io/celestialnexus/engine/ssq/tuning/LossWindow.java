package io.celestialnexus.engine.ssq.tuning;

/**
 * The strategies' log-losses over the last {@code window} draws, summed. Adding a draw's losses drops the
 * oldest once the window is full. Mutable: one owner (a walk-forward or a replay) at a time.
 */
public final class LossWindow {

  private final int strategies;
  private final double[][] ring;
  private final double[] sums;
  private int size;
  private int next;

  public LossWindow(int strategies, int window) {
    if (strategies < 1 || window < 1) {
      throw new IllegalArgumentException("need at least one strategy and a window of at least one draw");
    }
    this.strategies = strategies;
    this.ring = new double[window][strategies];
    this.sums = new double[strategies];
  }

  /** One draw's losses, one per strategy. */
  public void add(double[] losses) {
    if (losses.length != strategies) {
      throw new IllegalArgumentException("expected " + strategies + " losses, got " + losses.length);
    }
    double[] slot = ring[next];
    for (int i = 0; i < strategies; i++) {
      sums[i] += losses[i] - (size == ring.length ? slot[i] : 0);
      slot[i] = losses[i];
    }
    next = (next + 1) % ring.length;
    size = Math.min(size + 1, ring.length);
  }

  /** Each strategy's summed loss over the draws in the window. */
  public double[] sums() {
    return sums.clone();
  }

  /** Draws currently in the window. */
  public int size() {
    return size;
  }
}
