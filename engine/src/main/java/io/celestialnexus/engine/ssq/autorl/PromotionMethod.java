package io.celestialnexus.engine.ssq.autorl;

import java.util.Locale;

/** How a candidate that passed the gate changes the live policy ({@code AUTORL_PROMOTE_STRATEGY}). */
public enum PromotionMethod {
  /** Live prior moves {@code blend-alpha} of the way to the candidate's; tuner parameters likewise. */
  BLEND,
  /** The candidate's lead strategy gets {@code promote-target-weight} in the live prior; the candidate's tuner is adopted. */
  PROMOTE,
  /** The candidate's prior replaces the live one with its lead strategy at {@code replace-weight}; its tuner is adopted. */
  REPLACE;

  /** The config spelling: blend, promote, replace. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static PromotionMethod ofKey(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
