package io.celestialnexus.engine.ssq.state;

import io.celestialnexus.persistence.CborSerializable;
import java.time.Instant;

/**
 * One AutoRL decision as stored: promoted (making {@code version}) or rejected (at the then live
 * {@code version}), with its evidence and, for a rejection, the reason.
 */
public record Decision(boolean promoted, int version, Evidence evidence, String reason, Instant at) implements CborSerializable {}
