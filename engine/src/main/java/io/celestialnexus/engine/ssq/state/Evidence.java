package io.celestialnexus.engine.ssq.state;

import io.celestialnexus.engine.ssq.tuning.TunerParams;
import io.celestialnexus.persistence.CborSerializable;
import java.util.Map;

/**
 * Why AutoRL promoted or rejected a candidate: its label and weights, the mean paired gain over the live
 * weights and its lower confidence bound, over how many draws, the method it was (or would have been) applied
 * by ({@code blend}, {@code promote}, {@code replace}), the tuner the applied policy runs with, the newest issue the
 * round had reviewed, and human-readable extras in {@code details} (never read back by code).
 *
 * @param tuner the applied policy's tuner parameters; null when the round had no candidate
 * @param afterIssue the newest reviewed issue when the round ran: a promotion is judged on the draws after it
 */
public record Evidence(
    String candidate,
    Map<String, Double> candidateWeights,
    double meanGain,
    double lowerBound,
    int draws,
    String method,
    TunerParams tuner,
    int afterIssue,
    Map<String, String> details)
    implements CborSerializable {

  /** Where evidence stored before these fields were typed kept them (as text in {@code details}). */
  static final String LEGACY_LEARNING_RATE = "learning-rate";
  static final String LEGACY_WINDOW = "window";
  static final String LEGACY_AFTER_ISSUE = "after-issue";

  public Evidence {
    candidateWeights = Map.copyOf(candidateWeights == null ? Map.of() : candidateWeights);
    details = Map.copyOf(details == null ? Map.of() : details);
    // events stored before the typed fields existed are read back through here, once, on replay
    if (tuner == null) {
      tuner = legacyTuner(details);
    }
    if (afterIssue == 0) {
      afterIssue = legacyInt(details.get(LEGACY_AFTER_ISSUE), 0);
    }
  }

  private static TunerParams legacyTuner(Map<String, String> details) {
    String rate = details.get(LEGACY_LEARNING_RATE);
    String window = details.get(LEGACY_WINDOW);
    if (rate == null || window == null) {
      return null;
    }
    try {
      return new TunerParams(Double.parseDouble(rate), (int) Math.round(Double.parseDouble(window)));
    } catch (IllegalArgumentException e) { // NumberFormatException included: an unreadable legacy value names no tuner
      return null;
    }
  }

  private static int legacyInt(String value, int fallback) {
    try {
      return value == null ? fallback : Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
