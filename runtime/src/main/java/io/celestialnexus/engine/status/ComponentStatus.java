package io.celestialnexus.engine.status;

import java.time.Instant;

/** A non-task part the node depends on (storage, listeners): up or down, with a human-readable detail. */
public record ComponentStatus(String name, boolean up, String detail, Instant since) {}
