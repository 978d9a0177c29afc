package io.celestialnexus.engine.ssq;

import io.celestialnexus.persistence.CborSerializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Six distinct reds 1..33 (kept sorted) and a blue 1..16: a pick, or one of the tickets sampled from a forecast; stored
 * inside predictions. Construction validates it.
 */
public record Ticket(List<Integer> reds, int blue) implements CborSerializable {

  public Ticket {
    if (reds == null || reds.size() != Draw.RED_COUNT) {
      throw new IllegalArgumentException("a ticket has " + Draw.RED_COUNT + " reds, got " + (reds == null ? 0 : reds.size()));
    }
    var sorted = new TreeSet<Integer>();
    for (Integer red : reds) {
      if (red == null || red < 1 || red > Draw.RED_MAX) {
        throw new IllegalArgumentException("red " + red + " outside 1.." + Draw.RED_MAX);
      }
      if (!sorted.add(red)) {
        throw new IllegalArgumentException("red " + red + " repeated");
      }
    }
    if (blue < 1 || blue > Draw.BLUE_MAX) {
      throw new IllegalArgumentException("blue " + blue + " outside 1.." + Draw.BLUE_MAX);
    }
    reds = List.copyOf(sorted);
  }

  /** The six most probable reds and the most probable blue; equal probabilities go to the lower number. */
  public static Ticket topOf(Forecast forecast) {
    // six passes of a selection: cheaper than sorting, and runs for every strategy on every draw
    long taken = 0;
    List<Integer> reds = new ArrayList<>(Draw.RED_COUNT);
    for (int pick = 0; pick < Draw.RED_COUNT; pick++) {
      int best = 0;
      for (int n = 1; n <= Draw.RED_MAX; n++) {
        if ((taken & (1L << n)) == 0 && (best == 0 || forecast.red(n) > forecast.red(best))) {
          best = n;
        }
      }
      taken |= 1L << best;
      reds.add(best);
    }
    int blue = 1;
    for (int n = 2; n <= Draw.BLUE_MAX; n++) {
      if (forecast.blue(n) > forecast.blue(blue)) {
        blue = n;
      }
    }
    return new Ticket(reds, blue);
  }

  /** How many of this ticket's reds were drawn. */
  public int redHits(Draw draw) {
    int hits = 0;
    for (int red : reds) {
      if (draw.hasRed(red)) {
        hits++;
      }
    }
    return hits;
  }

  public boolean blueHit(Draw draw) {
    return blue == draw.blue();
  }
}
