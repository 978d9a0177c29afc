package io.celestialnexus.engine.ssq.autorl;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What {@link RollbackRule} decided about a promotion, with the figures it decided on. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "decision")
@JsonSubTypes({
  @JsonSubTypes.Type(value = RollbackDecision.Pending.class, name = "pending"),
  @JsonSubTypes.Type(value = RollbackDecision.Keep.class, name = "keep"),
  @JsonSubTypes.Type(value = RollbackDecision.RollBack.class, name = "roll-back")
})
public sealed interface RollbackDecision {

  /** Not enough draws since the promotion yet. */
  record Pending(int observed, int needed) implements RollbackDecision {}

  /** The promotion holds: its mean loss is within the margin of (or better than) the replaced policy's. */
  record Keep(int draws, double promotedMeanLoss, double previousMeanLoss, double margin) implements RollbackDecision {}

  /** The promotion did worse than the replaced policy by more than the margin: restore the replaced policy. */
  record RollBack(int draws, double promotedMeanLoss, double previousMeanLoss, double margin) implements RollbackDecision {}
}
