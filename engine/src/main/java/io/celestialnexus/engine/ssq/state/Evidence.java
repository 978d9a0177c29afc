package io.celestialnexus.engine.ssq.state;

import io.celestialnexus.persistence.CborSerializable;
import java.util.Map;

/**
 * Why AutoRL promoted or rejected a candidate: its label and weights, the mean paired gain over the live
 * weights and its lower confidence bound, over how many draws, the method it was (or would have been) applied
 * by ({@code blend}, {@code promote}, {@code replace}), and anything else worth keeping.
 */
public record Evidence(
    String candidate,
    Map<String, Double> candidateWeights,
    double meanGain,
    double lowerBound,
    int draws,
    String method,
    Map<String, String> details)
    implements CborSerializable {

  public Evidence {
    candidateWeights = Map.copyOf(candidateWeights == null ? Map.of() : candidateWeights);
    details = Map.copyOf(details == null ? Map.of() : details);
  }
}
