package io.celestialnexus.engine.ssq.loop;

import io.celestialnexus.engine.ssq.autorl.AutoRl;
import io.celestialnexus.engine.ssq.autorl.AutoRlDecision;
import io.celestialnexus.engine.ssq.autorl.AutoRlSettings;
import io.celestialnexus.engine.ssq.autorl.CandidateEvidence;
import io.celestialnexus.engine.ssq.autorl.PromotionMethod;
import io.celestialnexus.engine.ssq.fusion.Weighting;
import io.celestialnexus.engine.ssq.state.Decision;
import io.celestialnexus.engine.ssq.state.Evidence;
import io.celestialnexus.engine.ssq.state.WeightsVersion;
import io.celestialnexus.engine.ssq.tuning.WeightPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AutoRL round, unless the newest decision is younger than {@code min-interval-hours} and none was demanded:
 * every candidate replayed against the live policy on the recent draws, the gate applied, the decision stored with
 * its evidence (rejections too), and a passing candidate applied by the configured method and tuned at once.
 */
final class AutoRlRound {

  private static final Logger LOG = LoggerFactory.getLogger(AutoRlRound.class);

  private final LoopStore store;
  private final IssueReviewer reviewer;
  private final AutoRlSettings settings;
  private final Clock clock;

  AutoRlRound(LoopStore store, IssueReviewer reviewer, AutoRlSettings settings, Clock clock) {
    this.store = store;
    this.reviewer = reviewer;
    this.settings = settings;
    this.clock = clock;
  }

  /** How a call ended: a round ran (with what came of it), or none was due yet. */
  sealed interface Outcome {}

  /** {@code summary} says what was decided, in a line. */
  record Ran(String summary, int draws, Instant at) implements Outcome {}

  record NotDue(Instant lastRoundAt, Instant nextRoundAt) implements Outcome {}

  Outcome run(LoopMemory memory, boolean demanded) throws InterruptedException {
    Instant now = clock.instant();
    Optional<Instant> last = store.newestDecision().map(Decision::at);
    if (!demanded && last.isPresent() && now.isBefore(last.get().plus(settings.minInterval()))) {
      return new NotDue(last.get(), last.get().plus(settings.minInterval()));
    }
    AutoRlDecision decision = AutoRl.run(memory.view().trace(), memory.policy(), settings, memory.lastIssue());
    String summary;
    if (decision.verdict() instanceof AutoRlDecision.Verdict.Promote promote) {
      summary = promote(memory, promote, decision, now);
    } else if (decision.verdict() instanceof AutoRlDecision.Verdict.RecordOnly recordOnly) {
      store.reject(
          evidence(recordOnly.chosen(), recordOnly.method(), recordOnly.wouldBe(), decision, memory.version()),
          "promotion is off (AUTORL_PROMOTE=0): " + recordOnly.chosen().reason());
      summary = "recorded " + recordOnly.chosen().label() + " without applying it (AUTORL_PROMOTE=0)";
    } else {
      String reason = ((AutoRlDecision.Verdict.Reject) decision.verdict()).reason();
      Optional<CandidateEvidence> best = decision.candidates().stream().max(Comparator.comparingDouble(CandidateEvidence::lowerBound));
      Evidence evidence =
          best.map(chosen -> evidence(chosen, settings.method(), chosen.policy(), decision, memory.version()))
              .orElseGet(
                  () -> new Evidence("none", Map.of(), 0, 0, decision.draws(), settings.method().key(), null, decision.lastIssue(), Map.of()));
      store.reject(evidence, reason);
      summary = "rejected: " + reason;
    }
    LOG.info("AutoRL round over {} draws: {}", decision.draws(), summary);
    return new Ran(summary, decision.draws(), now);
  }

  /** Stores the promotion with its evidence, makes its policy live and tunes it at once. */
  private String promote(LoopMemory memory, AutoRlDecision.Verdict.Promote promote, AutoRlDecision decision, Instant now)
      throws InterruptedException {
    Evidence evidence = evidence(promote.chosen(), promote.method(), promote.newPolicy(), decision, memory.version());
    WeightsVersion promoted = store.promote(promote.newPolicy().prior().weights(), evidence);
    memory.ledger().promoted(promoted.version(), promoted.weights(), new Decision(true, promoted.version(), evidence, "promoted", now));
    memory.live(PolicyLedger.weighting(memory.strategies(), promoted.weights()), promoted.version());
    Weighting tuned = reviewer.tune(memory.policy(), memory.records());
    WeightsVersion stored = store.tune(tuned.weights(), SsqLoop.parameters(memory.policy(), memory.records().size()));
    memory.live(tuned, stored.version());
    return "promoted " + promote.chosen().label() + " by " + promote.method().key() + " as v" + promoted.version();
  }

  private static Evidence evidence(
      CandidateEvidence chosen, PromotionMethod method, WeightPolicy applied, AutoRlDecision decision, int liveVersion) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("live-version", Integer.toString(liveVersion));
    details.put("live-mean-loss", format(chosen.liveMeanLoss()));
    details.put("candidate-mean-loss", format(chosen.candidateMeanLoss()));
    details.put("gain-sd", format(chosen.gainStdDev()));
    details.put("bound-confidence", format(chosen.boundConfidence()));
    details.put("candidates", Integer.toString(decision.candidates().size()));
    details.put("gate", chosen.reason());
    return new Evidence(
        chosen.label(), applied.prior().weights(), chosen.meanGain(), chosen.lowerBound(), chosen.draws(), method.key(),
        applied.tuner(), decision.lastIssue(), details);
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.6f", value);
  }
}
