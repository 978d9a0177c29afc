package io.celestialnexus.engine.ssq.state;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.persistence.CborSerializable;
import java.util.List;
import java.util.TreeSet;

/** One SSQ ticket: six distinct reds 1..33 (kept sorted) and a blue 1..16. */
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
}
