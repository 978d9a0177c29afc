package io.celestialnexus.engine.ssq.tuning;

import io.celestialnexus.engine.ssq.fusion.Weighting;
import java.util.List;

/**
 * How live weights come about: a prior weighting and the tuner's hyper-parameters. The weights used for a draw
 * are {@link Tuner#tune} of this policy on the losses of the draws before it. AutoRL proposes, promotes and
 * rolls back policies.
 */
public record WeightPolicy(Weighting prior, TunerParams tuner) {

  /** Equal prior over {@code strategies}, with the given tuner. */
  public static WeightPolicy uniform(List<String> strategies, TunerParams tuner) {
    return new WeightPolicy(Weighting.uniform(strategies), tuner);
  }
}
