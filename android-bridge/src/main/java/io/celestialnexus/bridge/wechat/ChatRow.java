package io.celestialnexus.bridge.wechat;

import io.celestialnexus.bridge.ui.Bounds;

/**
 * A conversation as the chat list shows it.
 *
 * @param unread the badge's count; 1 for a badge without a number (a muted chat's dot), 0 without a badge
 */
public record ChatRow(String name, int unread, String preview, Bounds bounds) {}
