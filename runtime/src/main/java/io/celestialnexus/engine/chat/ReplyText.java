package io.celestialnexus.engine.chat;

import java.nio.charset.StandardCharsets;

/** Fits a reply into a channel's byte limit (WeChat counts UTF-8 bytes), cutting on a character boundary. */
public final class ReplyText {

  private static final String ELLIPSIS = "…";

  private ReplyText() {}

  public static String fit(String text, int maxBytes) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= maxBytes) {
      return text;
    }
    int budget = maxBytes - ELLIPSIS.getBytes(StandardCharsets.UTF_8).length;
    StringBuilder kept = new StringBuilder();
    int used = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (used + size > budget) {
        break;
      }
      kept.appendCodePoint(codePoint);
      used += size;
      i += Character.charCount(codePoint);
    }
    return kept.append(ELLIPSIS).toString();
  }
}
