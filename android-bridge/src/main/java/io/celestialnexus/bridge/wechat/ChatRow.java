package io.celestialnexus.bridge.wechat;

import io.celestialnexus.bridge.ui.Bounds;

/**
 * A conversation as the chat list shows it.
 *
 * @param unread the badge's count; 1 for a badge without a number (a muted chat's dot), 0 without a badge
 * @param chat false for a row that opens no chat (the 订阅号消息 folder, service notices: the selectors file's
 *     {@code not-chats}); the bridge leaves those alone
 */
public record ChatRow(String name, int unread, String preview, Bounds bounds, boolean chat) {

  /** A row that opens a chat. */
  public ChatRow(String name, int unread, String preview, Bounds bounds) {
    this(name, unread, preview, bounds, true);
  }
}
