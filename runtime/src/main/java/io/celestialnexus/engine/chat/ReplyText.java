package io.celestialnexus.engine.chat;

import java.nio.charset.StandardCharsets;

/**
 * Fits a reply into a channel's limit, cutting on a character boundary and marking the cut with an ellipsis: by UTF-8
 * bytes for the Official Account ({@link #fit}), by characters (code points) for a phone's chat ({@link #fitCodePoints}).
 */
public final class ReplyText {

  private static final String ELLIPSIS = "…";

  private ReplyText() {}

  public static String fit(String text, int maxBytes) {
    // a char is at most 3 UTF-8 bytes (a surrogate pair, two chars, is 4): most replies fit without encoding them
    if (text.length() <= maxBytes / 3) {
      return text;
    }
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

  /** At most {@code maxCodePoints} characters (an emoji is one), the last of them an ellipsis when cut. */
  public static String fitCodePoints(String text, int maxCodePoints) {
    if (text.codePointCount(0, text.length()) <= maxCodePoints) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, maxCodePoints - 1)) + ELLIPSIS;
  }
}
