package io.celestialnexus.engine.ssq.autorl;

import io.celestialnexus.engine.ssq.fusion.Weighting;
import io.celestialnexus.engine.ssq.tuning.TunerParams;
import io.celestialnexus.engine.ssq.tuning.WeightPolicy;
import io.celestialnexus.engine.support.Seeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Proposes candidates around the live policy: the tuner with its learning rate and window halved and doubled,
 * the prior moved half-way towards each strategy in turn, and a few random priors (flat Dirichlet, from a
 * {@link Seeds#random}, so a round is reproducible). Candidates equal to the live policy, or to an
 * earlier candidate, are dropped.
 */
public final class CandidateProposer {

  /** Smallest learning rate the doubling starts from when the live rate is 0. */
  private static final double SMALLEST_RATE = 0.01;

  private CandidateProposer() {}

  public static List<Candidate> propose(WeightPolicy live, int randomCount, long seed) {
    Map<WeightPolicy, String> candidates = new LinkedHashMap<>();
    TunerParams tuner = live.tuner();
    double rate = tuner.learningRate();
    add(candidates, live, "learning rate x2", new WeightPolicy(live.prior(), new TunerParams(Math.max(rate * 2, SMALLEST_RATE), tuner.window())));
    add(candidates, live, "learning rate x0.5", new WeightPolicy(live.prior(), new TunerParams(rate / 2, tuner.window())));
    add(candidates, live, "window x2", new WeightPolicy(live.prior(), new TunerParams(rate, tuner.window() * 2)));
    add(candidates, live, "window x0.5", new WeightPolicy(live.prior(), new TunerParams(rate, Math.max(1, tuner.window() / 2))));
    List<String> names = live.prior().names();
    for (String name : names) {
      Weighting towards = live.prior().blend(Weighting.of(names, oneHot(names, name)), 0.5);
      add(candidates, live, "prior towards " + name, new WeightPolicy(towards, tuner));
    }
    Random random = Seeds.random(seed);
    for (int i = 1; i <= randomCount; i++) {
      double[] weights = new double[names.size()];
      for (int s = 0; s < weights.length; s++) {
        weights[s] = -Math.log(1 - random.nextDouble()); // Exp(1) draws, normalised: a flat Dirichlet
      }
      add(candidates, live, String.format(Locale.ROOT, "random prior %d", i), new WeightPolicy(Weighting.of(names, weights), tuner));
    }
    List<Candidate> list = new ArrayList<>();
    candidates.forEach((policy, label) -> list.add(new Candidate(label, policy)));
    return List.copyOf(list);
  }

  private static void add(Map<WeightPolicy, String> candidates, WeightPolicy live, String label, WeightPolicy policy) {
    if (!policy.equals(live)) {
      candidates.putIfAbsent(policy, label);
    }
  }

  private static double[] oneHot(List<String> names, String name) {
    double[] weights = new double[names.size()];
    weights[names.indexOf(name)] = 1;
    return weights;
  }
}
