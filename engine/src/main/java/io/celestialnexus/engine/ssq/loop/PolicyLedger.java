package io.celestialnexus.engine.ssq.loop;

import io.celestialnexus.engine.ssq.fusion.Weighting;
import io.celestialnexus.engine.ssq.state.Decision;
import io.celestialnexus.engine.ssq.state.WeightsVersion;
import io.celestialnexus.engine.ssq.tuning.TunerParams;
import io.celestialnexus.engine.ssq.tuning.WeightPolicy;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which policy (prior weighting + tuner parameters) was live at each weights version, read back from the stored
 * versions and decisions: a tuned version keeps the policy before it; a promoted one makes the promoted prior
 * (the version's weights) live with the tuner parameters its evidence names; a rollback to version n makes n's
 * policy live again. Only versions that changed the policy are kept. Not thread-safe: one owner (the loop).
 */
final class PolicyLedger {

  private static final Pattern ROLLBACK = Pattern.compile("^rolled back to version (\\d+)");

  private final NavigableMap<Integer, WeightPolicy> changes = new TreeMap<>();
  private final List<String> strategies;

  private PolicyLedger(List<String> strategies, WeightPolicy initial) {
    this.strategies = List.copyOf(strategies);
    changes.put(0, initial);
  }

  /** Before any promotion: an even prior over {@code strategies} with the configured tuner. */
  static PolicyLedger of(List<String> strategies, TunerParams tuner, List<WeightsVersion> versions, List<Decision> decisions) {
    PolicyLedger ledger = new PolicyLedger(strategies, WeightPolicy.uniform(strategies, tuner));
    Map<Integer, Decision> promotions = new HashMap<>();
    decisions.stream().filter(Decision::promoted).forEach(decision -> promotions.put(decision.version(), decision));
    for (WeightsVersion version : versions) {
      switch (version.change()) {
        case PROMOTED -> ledger.promoted(version.version(), version.weights(), promotions.get(version.version()));
        case ROLLED_BACK -> ledger.rolledBack(version.version(), restoredVersion(version));
        default -> {}
      }
    }
    return ledger;
  }

  WeightPolicy at(int version) {
    return changes.floorEntry(version).getValue();
  }

  /** The newest version that changed the policy (0 when none did). */
  int lastChange() {
    return changes.lastKey();
  }

  void promoted(int version, Map<String, Double> prior, Decision decision) {
    TunerParams named = decision == null ? null : decision.evidence().tuner();
    changes.put(version, new WeightPolicy(known(prior), named != null ? named : at(version - 1).tuner()));
  }

  void rolledBack(int version, int toVersion) {
    changes.put(version, at(toVersion));
  }

  private Weighting known(Map<String, Double> prior) {
    return weighting(strategies, prior);
  }

  /**
   * Stored weights over the strategies this node runs (a strategy they do not name weighs 0); weights naming none of
   * them (the initial, empty version) are even weights.
   */
  static Weighting weighting(List<String> strategies, Map<String, Double> weights) {
    Map<String, Double> kept = new LinkedHashMap<>();
    strategies.forEach(name -> kept.put(name, weights.getOrDefault(name, 0.0)));
    return kept.values().stream().anyMatch(weight -> weight > 0) ? new Weighting(kept) : Weighting.uniform(strategies);
  }

  /** The version a rollback restored, as {@code StrategyWeights} words its detail ("rolled back to version n: why"). */
  static int restoredVersion(WeightsVersion version) {
    Matcher matcher = ROLLBACK.matcher(version.detail());
    if (!matcher.find()) {
      throw new IllegalStateException("version " + version.version() + " is a rollback that names no version: " + version.detail());
    }
    return Integer.parseInt(matcher.group(1));
  }
}
