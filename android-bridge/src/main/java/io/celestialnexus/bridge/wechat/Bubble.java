package io.celestialnexus.bridge.wechat;

import io.celestialnexus.bridge.ui.Bounds;

/**
 * A text message in an open chat.
 *
 * @param sender the sender's name; empty when the bubble is partial and its group sender line is off screen
 * @param own sent from this phone (its avatar is on the right; without an avatar, its bubble is)
 * @param timeLabel the nearest time label above it on screen, empty when none is visible
 * @param partial partly scrolled off the top: its avatar is not on screen
 */
public record Bubble(String sender, String text, boolean own, String timeLabel, Bounds bounds, boolean partial) {

  /** A bubble seen whole. */
  public Bubble(String sender, String text, boolean own, String timeLabel, Bounds bounds) {
    this(sender, text, own, timeLabel, bounds, false);
  }

  /**
   * The bubble as a step of the conversation: its side and its text. Neither changes when the bubble scrolls partly
   * off the top (its sender and time label may), so a run of tokens can be found again on a later screen.
   */
  public String token() {
    return (own ? "out" : "in") + TOKEN_SEPARATOR + text;
  }

  /** Whether {@code token} is an incoming message's. */
  public static boolean incoming(String token) {
    return token.startsWith("in" + TOKEN_SEPARATOR);
  }

  /** The text of {@code token}. */
  public static String text(String token) {
    return token.substring(token.indexOf(TOKEN_SEPARATOR) + 1);
  }

  private static final char TOKEN_SEPARATOR = '\u0000';
}
