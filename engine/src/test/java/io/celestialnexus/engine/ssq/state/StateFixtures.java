package io.celestialnexus.engine.ssq.state;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.Ticket;
import io.celestialnexus.engine.ssq.tuning.TunerParams;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Small valid values for the entity tests. */
final class StateFixtures {

  /** Fast backoff so a restarted entity is back within a test's patience. */
  static final StateSettings SETTINGS = new StateSettings(Duration.ofMillis(100), Duration.ofSeconds(2), 0.2);

  private StateFixtures() {}

  /** Draw number {@code n} (1-based) of 2024, with numbers derived from n. */
  static Draw draw(int n) {
    int first = (n % 27) + 1;
    return new Draw(2024000 + n, LocalDate.of(2024, 1, 1).plusDays(n % 360), List.of(first, first + 1, first + 2, first + 3, first + 4, first + 6), (n % 16) + 1);
  }

  static List<Draw> draws(int count) {
    List<Draw> draws = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      draws.add(draw(n));
    }
    return draws;
  }

  static Map<String, Double> weights(double frequency, double uniform) {
    return Map.of("frequency", frequency, "uniform", uniform);
  }

  static Evidence evidence(String candidate, String method) {
    return new Evidence(candidate, weights(0.7, 0.3), 0.031, 0.004, 200, method, new TunerParams(0.02, 200), 2026001, Map.of("gate", "passed"));
  }

  static List<Double> uniform(int size) {
    return Collections.nCopies(size, 1.0 / size);
  }

  static Prediction prediction(int issue, int weightsVersion) {
    return new Prediction(
        issue, new Ticket(List.of(1, 2, 3, 4, 5, 6), 7), List.of(new Ticket(List.of(8, 9, 10, 11, 12, 13), 1)),
        uniform(33), uniform(16), weightsVersion);
  }
}
