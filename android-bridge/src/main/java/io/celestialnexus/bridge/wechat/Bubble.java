package io.celestialnexus.bridge.wechat;

import io.celestialnexus.bridge.ui.Bounds;

/**
 * A text message in an open chat.
 *
 * @param own sent from this phone (its avatar is on the right)
 * @param timeLabel the nearest time label above it on screen, empty when none is visible
 */
public record Bubble(String sender, String text, boolean own, String timeLabel, Bounds bounds) {}
