package io.celestialnexus.engine.ssq.fusion;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.Forecast;
import io.celestialnexus.engine.ssq.Ticket;
import io.celestialnexus.engine.support.Seeds;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Samples distinct tickets from a forecast: the six reds one after another without replacement, each in
 * proportion to its probability among the reds not yet taken, and the blue in proportion to its probability.
 * {@link Seeds#random} drives it, so a seed always gives the same tickets on every JVM.
 */
public final class TicketSampler {

  /** Draws allowed per wanted ticket before giving up on finding enough distinct ones. */
  private static final int ATTEMPTS_PER_TICKET = 1_000;

  private TicketSampler() {}

  public static List<Ticket> sample(Forecast forecast, int count, long seed) {
    if (count < 0) {
      throw new IllegalArgumentException("ticket count must be zero or more, was " + count);
    }
    Random random = Seeds.random(seed);
    double[] reds = forecast.reds();
    double[] blues = forecast.blues();
    Set<Ticket> tickets = new LinkedHashSet<>();
    long attempts = 0;
    while (tickets.size() < count) {
      if (++attempts > (long) count * ATTEMPTS_PER_TICKET) {
        throw new IllegalStateException("found only " + tickets.size() + " distinct tickets of " + count + " wanted");
      }
      tickets.add(new Ticket(sampleReds(reds, random), pick(blues, random) + 1));
    }
    return List.copyOf(new ArrayList<>(tickets));
  }

  private static List<Integer> sampleReds(double[] probabilities, Random random) {
    double[] left = probabilities.clone();
    List<Integer> reds = new ArrayList<>(Draw.RED_COUNT);
    for (int i = 0; i < Draw.RED_COUNT; i++) {
      int index = pick(left, random);
      reds.add(index + 1);
      left[index] = 0;
    }
    return reds;
  }

  /** An index in proportion to the (non-negative) weights. */
  private static int pick(double[] weights, Random random) {
    double total = 0;
    for (double weight : weights) {
      total += weight;
    }
    double point = random.nextDouble() * total;
    int last = -1;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] > 0) {
        last = i;
        point -= weights[i];
        if (point < 0) {
          return i;
        }
      }
    }
    return last; // rounding left a sliver past the end: the last positive weight takes it
  }
}
