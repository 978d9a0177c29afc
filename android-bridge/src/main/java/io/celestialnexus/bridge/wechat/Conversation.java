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
   * The index in {@code screen} just after the remembered {@code tail}, or empty when it is not there. The whole tail
   * may be anywhere on screen (its last occurrence counts); a shorter end of it only at the very top, where the rest
   * scrolled off. Empty means no part of the tail is on screen in that way: everything there came after it (more
   * than a screenful), or the chat shows an older part; a short run found in the middle of the screen is chance
   * (a reply that repeats), not the place.
   */
  public static OptionalInt after(List<String> tail, List<String> screen) {
    if (tail.isEmpty()) {
      return OptionalInt.empty();
    }
    int whole = lastIndexOf(screen, tail);
    if (whole >= 0) {
      return OptionalInt.of(whole + tail.size());
    }
    for (int length = Math.min(tail.size() - 1, screen.size()); length > 0; length--) {
      if (screen.subList(0, length).equals(tail.subList(tail.size() - length, tail.size()))) {
        return OptionalInt.of(length);
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
