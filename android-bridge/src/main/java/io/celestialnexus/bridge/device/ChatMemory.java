package io.celestialnexus.bridge.device;

import java.util.List;

/**
 * What the bridge last saw of a chat: its last text bubble, the chat list's preview when it was last opened from
 * there, and the last bubbles on screen as {@linkplain io.celestialnexus.bridge.wechat.Bubble#token() tokens}. A row
 * whose preview shows neither text changed while nobody looked (a message arrived while the chat was open, so WeChat
 * put no badge on it): the round opens it. The tail tells the next read where the new messages start.
 */
public record ChatMemory(String lastText, String preview, List<String> tail) {

  /** How many of the last bubbles are remembered: enough that a run of them is not found by chance elsewhere. */
  static final int TAIL = 8;

  public ChatMemory {
    tail = tail == null ? List.of() : List.copyOf(tail.subList(Math.max(0, tail.size() - TAIL), tail.size()));
  }

  /** A chat seen without its bubbles. */
  public ChatMemory(String lastText, String preview) {
    this(lastText, preview, List.of());
  }

  /** Whether a chat-list preview showing {@code shown} is what the bridge already saw there (cut or not). */
  public boolean explains(String shown) {
    if (shown.equals(preview)) {
      return true;
    }
    if (lastText == null || lastText.isEmpty()) {
      return false;
    }
    String cut = shown.endsWith("…") ? shown.substring(0, shown.length() - 1) : shown.endsWith("...") ? shown.substring(0, shown.length() - 3) : shown;
    return shown.contains(lastText) || (!cut.isEmpty() && lastText.startsWith(cut));
  }
}
