package io.celestialnexus.engine.status;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A task's status plus the ages derived from it at the moment the report was made. */
public record TaskReport(
    @JsonUnwrapped TaskStatus status, Long heartbeatAgeMillis, Long uptimeMillis) {}
