package io.celestialnexus.engine.chat.desk;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The latest fused picks for the next draw.
 *
 * @param issue the draw they are for (YYYYNNN)
 * @param reds six distinct reds 1..33, ascending
 * @param blue one blue 1..16
 * @param weightsVersion the version of the strategy weights that produced them
 * @param evaluation the recent evaluation of the same machinery, when one exists
 */
public record LatestPicks(
    String issue, List<Integer> reds, int blue, String weightsVersion, Instant madeAt, Optional<EvaluationSummary> evaluation) {

  public LatestPicks {
    reds = List.copyOf(reds);
    if (reds.size() != 6 || reds.stream().anyMatch(red -> red < 1 || red > 33) || reds.stream().distinct().count() != 6) {
      throw new IllegalArgumentException("six distinct reds 1..33 expected, got " + reds);
    }
    if (blue < 1 || blue > 16) {
      throw new IllegalArgumentException("blue must be 1..16, got " + blue);
    }
  }
}
