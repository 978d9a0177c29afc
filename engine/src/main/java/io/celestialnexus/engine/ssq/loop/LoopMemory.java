package io.celestialnexus.engine.ssq.loop;

import io.celestialnexus.engine.ssq.evaluation.DrawRecord;
import io.celestialnexus.engine.ssq.fusion.Weighting;
import io.celestialnexus.engine.ssq.state.Prediction;
import io.celestialnexus.engine.ssq.state.WeightsVersion;
import io.celestialnexus.engine.ssq.tuning.WeightPolicy;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pcollections.PVector;
import org.pcollections.TreePVector;

/**
 * What the loop knows of the journal, held between steps so that a step does not re-score the whole history:
 * the live weights and the policy of every version, the reviewed records (oldest first), the issues that need no
 * more work (reviewed or skipped), the predictions still waiting for their draw, and the promotions already judged.
 * Built by {@link JournalCache}; changed only by the one job that runs at a time, after its write was stored.
 */
final class LoopMemory {

  private final List<String> strategies;
  private PolicyLedger ledger;
  private Weighting weights;
  private int version;
  private PVector<DrawRecord> records = TreePVector.empty();
  private final Set<Integer> finished = new HashSet<>();
  private final Map<Integer, Waiting> waiting = new HashMap<>();
  private final Set<Integer> judged = new HashSet<>();

  /** A prediction recorded before its draw, with the weights it was fused with. */
  record Waiting(Prediction prediction, Weighting weights) {}

  LoopMemory(List<String> strategies, PolicyLedger ledger, WeightsVersion live) {
    this.strategies = List.copyOf(strategies);
    this.ledger = ledger;
    this.weights = PolicyLedger.weighting(strategies, live.weights());
    this.version = live.version();
  }

  List<String> strategies() {
    return strategies;
  }

  PolicyLedger ledger() {
    return ledger;
  }

  /** The policy of the live version: the prior and tuner the next tuning step uses. */
  WeightPolicy policy() {
    return ledger.at(version);
  }

  Weighting weights() {
    return weights;
  }

  int version() {
    return version;
  }

  PVector<DrawRecord> records() {
    return records;
  }

  /** The newest reviewed issue, 0 before the first review. */
  int lastIssue() {
    return records.isEmpty() ? 0 : records.get(records.size() - 1).draw().issue();
  }

  boolean finished(int issue) {
    return finished.contains(issue);
  }

  /** The prediction recorded for {@code issue} before its draw, or null. */
  Waiting waiting(int issue) {
    return waiting.get(issue);
  }

  boolean known(int issue) {
    return finished.contains(issue) || waiting.containsKey(issue);
  }

  int waitingCount() {
    return waiting.size();
  }

  boolean judged(int promotedVersion) {
    return judged.contains(promotedVersion);
  }

  LoopView view() {
    return new LoopView(strategies, records, policy(), weights, version);
  }

  // ---- changes, each after the journal stored it

  /** A stored version is live now (tuned, promoted or restored). */
  void live(Weighting liveWeights, int liveVersion) {
    this.weights = liveWeights;
    this.version = liveVersion;
  }

  /** Another writer (an operator's rollback) changed the weights: the ledger is read anew. */
  void followed(PolicyLedger readAgain, WeightsVersion live) {
    this.ledger = readAgain;
    live(PolicyLedger.weighting(strategies, live.weights()), live.version());
  }

  /** Issues reviewed (in order), their records appended. */
  void reviewed(List<DrawRecord> added) {
    records = records.plusAll(added);
    for (DrawRecord record : added) {
      finished.add(record.draw().issue());
      waiting.remove(record.draw().issue());
    }
  }

  void skipped(int issue) {
    finished.add(issue);
    waiting.remove(issue);
  }

  void predicted(Prediction prediction, Weighting used) {
    waiting.put(prediction.issue(), new Waiting(prediction, used));
  }

  /** The promotion that made {@code promotedVersion} was judged (kept or rolled back): never again. */
  void markJudged(int promotedVersion) {
    judged.add(promotedVersion);
  }
}
