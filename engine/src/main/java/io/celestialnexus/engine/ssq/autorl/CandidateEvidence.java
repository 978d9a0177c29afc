package io.celestialnexus.engine.ssq.autorl;

import io.celestialnexus.engine.ssq.tuning.WeightPolicy;

/**
 * How one candidate did against the live policy on the same recent draws, and whether it passed the gate.
 * The gain per draw is the live policy's log-loss minus the candidate's (positive = candidate better).
 *
 * @param boundConfidence the one-sided confidence of {@code lowerBound}, already corrected for the number of candidates
 */
public record CandidateEvidence(
    String label,
    WeightPolicy policy,
    int draws,
    double liveMeanLoss,
    double candidateMeanLoss,
    double meanGain,
    double gainStdDev,
    double lowerBound,
    double boundConfidence,
    boolean passed,
    String reason) {}
