package io.celestialnexus.engine.ssq.loop;

import io.celestialnexus.engine.ssq.autorl.PolicyReplay;
import io.celestialnexus.engine.ssq.autorl.RollbackDecision;
import io.celestialnexus.engine.ssq.autorl.RollbackRule;
import io.celestialnexus.engine.ssq.state.Decision;
import io.celestialnexus.engine.ssq.state.WeightsVersion;
import io.celestialnexus.engine.ssq.tuning.WeightPolicy;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges the newest promotion once the rule's number of draws has been reviewed after it: replayed on the same
 * draws, if the promoted policy's mean log-loss exceeds the replaced policy's by more than the margin, the weights
 * and policy of the version before it are restored (a rollback event). Each promotion is judged once.
 */
final class RollbackJudge {

  private static final Logger LOG = LoggerFactory.getLogger(RollbackJudge.class);

  private final LoopStore store;
  private final RollbackRule rule;

  RollbackJudge(LoopStore store, RollbackRule rule) {
    this.store = store;
    this.rule = rule;
  }

  /** What was decided about the newest promotion ({@code Pending} while too few draws followed it); empty when there is none to judge. */
  Optional<RollbackDecision> judge(LoopMemory memory) throws InterruptedException {
    int promotedVersion = memory.ledger().lastChange();
    if (promotedVersion == 0 || memory.judged(promotedVersion)) {
      return Optional.empty();
    }
    Optional<Decision> promotion =
        store.decisions().stream().filter(d -> d.promoted() && d.version() == promotedVersion).findFirst();
    if (promotion.isEmpty()) {
      memory.markJudged(promotedVersion); // the newest change is a rollback: nothing to judge
      return Optional.empty();
    }
    int from = firstRecordAfter(memory, promotion.get().evidence().afterIssue());
    LoopView view = memory.view();
    WeightPolicy previous = memory.ledger().at(promotedVersion - 1);
    RollbackDecision decision =
        rule.decide(
            PolicyReplay.losses(view.trace(), memory.ledger().at(promotedVersion), from), PolicyReplay.losses(view.trace(), previous, from));
    if (decision instanceof RollbackDecision.Keep keep) {
      memory.markJudged(promotedVersion);
      LOG.info("promotion v{} holds after {} draws: mean log-loss {} vs {} before", promotedVersion, keep.draws(),
          format(keep.promotedMeanLoss()), format(keep.previousMeanLoss()));
    } else if (decision instanceof RollbackDecision.RollBack back) {
      String reason =
          String.format(Locale.ROOT, "automatic: over the %d draws after it, the promoted policy's mean log-loss %.4f exceeded the"
              + " replaced policy's %.4f by more than %.4f", back.draws(), back.promotedMeanLoss(), back.previousMeanLoss(), back.margin());
      WeightsVersion restored = store.rollBack(promotedVersion - 1, reason);
      memory.ledger().rolledBack(restored.version(), promotedVersion - 1);
      memory.live(PolicyLedger.weighting(memory.strategies(), restored.weights()), restored.version());
      memory.markJudged(promotedVersion);
      LOG.warn("rolled back promotion v{} as v{}: {}", promotedVersion, restored.version(), reason);
    }
    return Optional.of(decision);
  }

  /** Index of the first reviewed record after {@code issue}. */
  private static int firstRecordAfter(LoopMemory memory, int issue) {
    int from = 0;
    while (from < memory.records().size() && memory.records().get(from).draw().issue() <= issue) {
      from++;
    }
    return from;
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.6f", value);
  }
}
