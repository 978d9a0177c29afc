package io.celestialnexus.engine.ssq.autorl;

import io.celestialnexus.engine.ssq.tuning.WeightPolicy;

/** A policy AutoRL tries against the live one, with a label saying how it was made. */
public record Candidate(String label, WeightPolicy policy) {}
