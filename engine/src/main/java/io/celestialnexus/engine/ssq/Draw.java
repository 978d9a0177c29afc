package io.celestialnexus.engine.ssq;

import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

/**
 * One 双色球 (SSQ) draw: six distinct reds from 1..33 (kept sorted) and one blue from 1..16, identified by its
 * issue (year × 1000 + sequence in that year, e.g. 2026096) and dated. Construction validates every rule and
 * fails with a reason a person can read.
 */
public record Draw(int issue, LocalDate date, List<Integer> reds, int blue) {

  public static final int RED_COUNT = 6;
  public static final int RED_MAX = 33;
  public static final int BLUE_MAX = 16;

  public Draw {
    if (date == null) {
      throw new IllegalArgumentException("missing date");
    }
    int year = issue / 1000;
    int sequence = issue % 1000;
    if (year < 2003 || year > 2999 || sequence < 1) {
      throw new IllegalArgumentException("issue " + issue + " is not YYYYNNN with a sequence from 001");
    }
    if (date.getYear() != year) {
      throw new IllegalArgumentException("issue " + issue + " is of " + year + " but dated " + date);
    }
    if (reds == null || reds.size() != RED_COUNT) {
      throw new IllegalArgumentException("expected " + RED_COUNT + " reds, got " + (reds == null ? 0 : reds.size()));
    }
    var sorted = new TreeSet<Integer>();
    for (Integer red : reds) {
      if (red == null || red < 1 || red > RED_MAX) {
        throw new IllegalArgumentException("red " + red + " outside 1.." + RED_MAX);
      }
      if (!sorted.add(red)) {
        throw new IllegalArgumentException("red " + red + " repeated");
      }
    }
    if (blue < 1 || blue > BLUE_MAX) {
      throw new IllegalArgumentException("blue " + blue + " outside 1.." + BLUE_MAX);
    }
    reds = List.copyOf(sorted);
  }

  /** Same issue, same numbers (dates may be corrected separately). */
  public boolean sameNumbers(Draw other) {
    return reds.equals(other.reds) && blue == other.blue;
  }

  public boolean hasRed(int red) {
    return reds.contains(red);
  }
}
