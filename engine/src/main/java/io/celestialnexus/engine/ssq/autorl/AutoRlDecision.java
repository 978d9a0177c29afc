package io.celestialnexus.engine.ssq.autorl;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.celestialnexus.engine.ssq.tuning.WeightPolicy;
import java.util.List;

/**
 * The outcome of one AutoRL round, whatever it was, with all its evidence: the live policy it started from,
 * every candidate's figures against it, and the verdict.
 *
 * @param lastIssue the newest draw the round evaluated on
 * @param draws how many recent draws each candidate was evaluated on
 */
public record AutoRlDecision(int lastIssue, int draws, WeightPolicy live, List<CandidateEvidence> candidates, Verdict verdict) {

  public AutoRlDecision {
    candidates = List.copyOf(candidates);
  }

  /** Whether the live policy is to change. */
  public boolean promoted() {
    return verdict instanceof Verdict.Promote;
  }

  /** What the round concluded. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "verdict")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Verdict.Promote.class, name = "promote"),
    @JsonSubTypes.Type(value = Verdict.RecordOnly.class, name = "record-only"),
    @JsonSubTypes.Type(value = Verdict.Reject.class, name = "reject")
  })
  public sealed interface Verdict {

    /** A candidate passed and is applied: the live policy becomes {@code newPolicy}. */
    record Promote(CandidateEvidence chosen, PromotionMethod method, WeightPolicy newPolicy) implements Verdict {}

    /** A candidate passed but promotion is off (AUTORL_PROMOTE=0): recorded, not applied. */
    record RecordOnly(CandidateEvidence chosen, PromotionMethod method, WeightPolicy wouldBe) implements Verdict {}

    /** No candidate passed (or there was too little data); the live policy stays. */
    record Reject(String reason) implements Verdict {}
  }
}
