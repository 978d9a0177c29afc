package io.celestialnexus.bridge.ui;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A node's rectangle on screen, as uiautomator writes it: {@code [left,top][right,bottom]}. */
public record Bounds(int left, int top, int right, int bottom) {

  private static final Pattern FORMAT = Pattern.compile("\\[(-?\\d+),(-?\\d+)]\\[(-?\\d+),(-?\\d+)]");

  public static final Bounds NONE = new Bounds(0, 0, 0, 0);

  /** Parses uiautomator's format; a missing or malformed attribute is {@link #NONE}. */
  public static Bounds parse(String text) {
    if (text == null) {
      return NONE;
    }
    Matcher matcher = FORMAT.matcher(text);
    if (!matcher.matches()) {
      return NONE;
    }
    return new Bounds(
        Integer.parseInt(matcher.group(1)),
        Integer.parseInt(matcher.group(2)),
        Integer.parseInt(matcher.group(3)),
        Integer.parseInt(matcher.group(4)));
  }

  public int centerX() {
    return (left + right) / 2;
  }

  public int centerY() {
    return (top + bottom) / 2;
  }

  public boolean isEmpty() {
    return right <= left || bottom <= top;
  }

  public boolean contains(int x, int y) {
    return x >= left && x < right && y >= top && y < bottom;
  }

  @Override
  public String toString() {
    return "[" + left + "," + top + "][" + right + "," + bottom + "]";
  }
}
