package io.celestialnexus.engine.ssq.state;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.Forecast;
import io.celestialnexus.engine.ssq.Ticket;
import io.celestialnexus.engine.ssq.fusion.TicketSampler;
import io.celestialnexus.persistence.CborSerializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A prediction for one issue, made before its draw is known: the picks (top six reds and top blue of the
 * fused distribution), optional extra tickets sampled from it, the fused probability vectors over the 33 reds
 * and 16 blues, and the weights version that produced them. Construction validates all of it.
 */
public record Prediction(
    int issue,
    Ticket picks,
    List<Ticket> extraTickets,
    List<Double> redProbabilities,
    List<Double> blueProbabilities,
    int weightsVersion)
    implements CborSerializable {

  private static final double SUM_TOLERANCE = 1e-6;

  /**
   * The prediction of {@code issue} from a fused forecast: its top six reds and top blue, plus {@code tickets} distinct
   * tickets sampled from it (seeded by the issue, so the same forecast always gives the same tickets).
   */
  public static Prediction fromForecast(int issue, Forecast fused, int tickets, int weightsVersion) {
    return new Prediction(
        issue, Ticket.topOf(fused), TicketSampler.sample(fused, tickets, issue), boxed(fused.reds()), boxed(fused.blues()), weightsVersion);
  }

  /** The fused forecast this prediction was made from. */
  public Forecast forecast() {
    return Forecast.ofWeights(unboxed(redProbabilities), unboxed(blueProbabilities));
  }

  public Prediction {
    if (issue < 1) {
      throw new IllegalArgumentException("issue must be positive, was " + issue);
    }
    if (picks == null) {
      throw new IllegalArgumentException("a prediction needs its picks");
    }
    extraTickets = List.copyOf(extraTickets == null ? List.of() : extraTickets);
    redProbabilities = probabilities(redProbabilities, Draw.RED_MAX, "red");
    blueProbabilities = probabilities(blueProbabilities, Draw.BLUE_MAX, "blue");
    if (weightsVersion < 0) {
      throw new IllegalArgumentException("weights version must be >= 0, was " + weightsVersion);
    }
  }

  private static List<Double> boxed(double[] values) {
    List<Double> list = new ArrayList<>(values.length);
    for (double value : values) {
      list.add(value);
    }
    return list;
  }

  private static double[] unboxed(List<Double> values) {
    double[] array = new double[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = values.get(i);
    }
    return array;
  }

  private static List<Double> probabilities(List<Double> vector, int size, String name) {
    if (vector == null || vector.size() != size) {
      throw new IllegalArgumentException(name + " probabilities need " + size + " values, got " + (vector == null ? 0 : vector.size()));
    }
    double sum = 0;
    for (Double p : vector) {
      if (p == null || !Double.isFinite(p) || p < 0) {
        throw new IllegalArgumentException(name + " probability must be a finite number >= 0, was " + p);
      }
      sum += p;
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      throw new IllegalArgumentException(name + " probabilities must sum to 1, sum to " + sum);
    }
    return List.copyOf(vector);
  }
}
