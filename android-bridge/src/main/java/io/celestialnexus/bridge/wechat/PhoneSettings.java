package io.celestialnexus.bridge.wechat;

import java.time.Duration;

/**
 * How patiently and how humanly a phone is driven.
 *
 * @param dumpAttempts dumps tried before a screen read fails ("could not get idle state", empty output)
 * @param dumpRetryDelay the wait between those attempts
 * @param confirmDumps dumps after tapping send that look for the new bubble before the attempt counts as failed
 * @param pauseMin shortest human-like pause after each tap or typing (zero for none)
 * @param pauseMax longest such pause; each pause is uniform in [pauseMin, pauseMax]
 */
public record PhoneSettings(
    int dumpAttempts, Duration dumpRetryDelay, int confirmDumps, Duration pauseMin, Duration pauseMax) {}
