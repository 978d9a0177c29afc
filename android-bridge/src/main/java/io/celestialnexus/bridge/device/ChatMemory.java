package io.celestialnexus.bridge.device;

/**
 * The last text bubble seen in a chat and the chat list's preview when it was last opened from there. A row whose
 * preview shows neither changed while nobody looked (a message arrived while the chat was open, so WeChat put no
 * badge on it): the round opens it.
 */
public record ChatMemory(String lastText, String preview) {

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
