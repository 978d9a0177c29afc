package io.celestialnexus.engine.ssq.autorl;

import io.celestialnexus.engine.ssq.fusion.Weighting;
import io.celestialnexus.engine.ssq.tuning.TunerParams;
import io.celestialnexus.engine.ssq.tuning.WeightPolicy;
import java.util.Optional;

/** Applies a passing candidate to the live policy by one of the three {@link PromotionMethod}s. */
public final class Promotion {

  /** Below this a candidate's prior counts as unchanged from the live one (a tuner-only candidate). */
  private static final double UNCHANGED = 1e-9;

  private Promotion() {}

  public static WeightPolicy apply(PromotionMethod method, WeightPolicy live, WeightPolicy candidate, AutoRlSettings settings) {
    Optional<String> lead = leadStrategy(live.prior(), candidate.prior());
    return switch (method) {
      case BLEND -> {
        double alpha = settings.blendAlpha();
        TunerParams tuner =
            new TunerParams(
                (1 - alpha) * live.tuner().learningRate() + alpha * candidate.tuner().learningRate(),
                (int) Math.round((1 - alpha) * live.tuner().window() + alpha * candidate.tuner().window()));
        yield new WeightPolicy(live.prior().blend(candidate.prior(), alpha), tuner);
      }
      case PROMOTE ->
          new WeightPolicy(
              lead.map(name -> live.prior().withWeight(name, Math.max(settings.promoteTargetWeight(), live.prior().weight(name))))
                  .orElse(live.prior()),
              candidate.tuner());
      case REPLACE ->
          new WeightPolicy(
              lead.map(name -> candidate.prior().withWeight(name, settings.replaceWeight())).orElse(candidate.prior()), candidate.tuner());
    };
  }

  /** The strategy whose prior weight the candidate raises most, if it raises any. */
  static Optional<String> leadStrategy(Weighting live, Weighting candidate) {
    String lead = null;
    double bestRise = UNCHANGED;
    for (String name : candidate.names()) {
      double rise = candidate.weight(name) - live.weight(name);
      if (rise > bestRise) {
        bestRise = rise;
        lead = name;
      }
    }
    return Optional.ofNullable(lead);
  }
}
