package io.celestialnexus.engine.ssq;

import java.util.List;

/**
 * Draws in order, oldest first, with each draw's reds also kept as a bit mask (bit n-1 for red n) so that
 * strategies count numbers without unboxing lists. {@link #before(int)} is a prefix view sharing the same
 * arrays, so a walk-forward hands each step its past in O(1). Immutable.
 */
public final class History {

  private final List<Draw> draws;
  private final long[] redMasks;
  private final int size;

  private History(List<Draw> draws, long[] redMasks, int size) {
    this.draws = draws;
    this.redMasks = redMasks;
    this.size = size;
  }

  public static History of(List<Draw> draws) {
    List<Draw> copy = List.copyOf(draws);
    long[] masks = new long[copy.size()];
    for (int i = 0; i < masks.length; i++) {
      for (int red : copy.get(i).reds()) {
        masks[i] |= 1L << (red - 1);
      }
    }
    return new History(copy, masks, copy.size());
  }

  public static History empty() {
    return of(List.of());
  }

  /** The first {@code count} draws: everything before draw number {@code count}. */
  public History before(int count) {
    if (count < 0 || count > size) {
      throw new IndexOutOfBoundsException("no prefix of " + count + " draws in a history of " + size);
    }
    return new History(draws, redMasks, count);
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public Draw get(int index) {
    return draws.get(checked(index));
  }

  public Draw last() {
    return get(size - 1);
  }

  /** Reds of draw {@code index} as bits: bit n-1 set when red n was drawn. */
  public long redMask(int index) {
    return redMasks[checked(index)];
  }

  public int blue(int index) {
    return draws.get(checked(index)).blue();
  }

  /** The draws of this history as a list. */
  public List<Draw> draws() {
    return draws.subList(0, size);
  }

  private int checked(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("draw " + index + " outside a history of " + size);
    }
    return index;
  }
}
