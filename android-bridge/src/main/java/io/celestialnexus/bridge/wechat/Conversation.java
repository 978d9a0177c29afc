package io.celestialnexus.bridge.wechat;

import java.util.List;
import java.util.OptionalInt;

/**
 * Where a remembered stretch of a chat is on a later screen. Positions and time labels move (a reply pushes the
 * conversation up, the top bubble scrolls partly off, a label scrolls away); the order of the bubbles' {@linkplain
 * Bubble#token() tokens} does not. Pure functions.
 */
public final class Conversation {

  private Conversation() {}

  /**
   * The index in {@code screen} just after the longest end of {@code tail} that is on it (its last occurrence), or
   * empty when no part of the tail is on screen any more (everything there came after it, or the chat shows an
   * older part).
   */
  public static OptionalInt after(List<String> tail, List<String> screen) {
    for (int length = tail.size(); length > 0; length--) {
      int at = lastIndexOf(screen, tail.subList(tail.size() - length, tail.size()));
      if (at >= 0) {
        return OptionalInt.of(at + length);
      }
    }
    return OptionalInt.empty();
  }

  private static int lastIndexOf(List<String> tokens, List<String> run) {
    for (int i = tokens.size() - run.size(); i >= 0; i--) {
      if (tokens.subList(i, i + run.size()).equals(run)) {
        return i;
      }
    }
    return -1;
  }
}
