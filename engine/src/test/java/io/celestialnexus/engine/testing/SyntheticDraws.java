package io.celestialnexus.engine.testing;

import io.celestialnexus.engine.ssq.Draw;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Generated draw histories with known truth, issued and dated like the real ones (Tuesday, Thursday and
 * Sunday from 2003-02-23, issue numbers restarting each year): a fair lottery, or one with a planted bias in
 * which a number's chance rises with how often it came recently.
 */
public final class SyntheticDraws {

  private SyntheticDraws() {}

  /** A fair lottery: every red and blue equally likely. */
  public static List<Draw> fair(int count, long seed) {
    return hot(count, seed, 1, 0);
  }

  /**
   * A lottery with "hot numbers": each number's weight is {@code 1 + boost × (times it came in the last
   * memory draws)}; the six reds are drawn without replacement in proportion to their weights, the blue
   * likewise.
   */
  public static List<Draw> hot(int count, long seed, int memory, double boost) {
    Random random = new Random(seed);
    List<Draw> draws = new ArrayList<>(count);
    LocalDate date = LocalDate.of(2003, 2, 23);
    int issue = 2003001;
    for (int t = 0; t < count; t++) {
      double[] reds = new double[Draw.RED_MAX];
      double[] blues = new double[Draw.BLUE_MAX];
      Arrays.fill(reds, 1);
      Arrays.fill(blues, 1);
      for (Draw recent : draws.subList(Math.max(0, t - memory), t)) {
        for (int red : recent.reds()) {
          reds[red - 1] += boost;
        }
        blues[recent.blue() - 1] += boost;
      }
      List<Integer> picked = new ArrayList<>();
      for (int k = 0; k < Draw.RED_COUNT; k++) {
        int red = pick(reds, random);
        picked.add(red + 1);
        reds[red] = 0;
      }
      draws.add(new Draw(issue, date, picked, pick(blues, random) + 1));
      LocalDate next = date.plusDays(1);
      while (next.getDayOfWeek() != DayOfWeek.TUESDAY && next.getDayOfWeek() != DayOfWeek.THURSDAY && next.getDayOfWeek() != DayOfWeek.SUNDAY) {
        next = next.plusDays(1);
      }
      issue = next.getYear() == date.getYear() ? issue + 1 : next.getYear() * 1000 + 1;
      date = next;
    }
    return List.copyOf(draws);
  }

  private static int pick(double[] weights, Random random) {
    double total = 0;
    for (double weight : weights) {
      total += weight;
    }
    double point = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      point -= weights[i];
      if (point < 0 && weights[i] > 0) {
        return i;
      }
    }
    for (int i = weights.length - 1; ; i--) {
      if (weights[i] > 0) {
        return i;
      }
    }
  }
}
