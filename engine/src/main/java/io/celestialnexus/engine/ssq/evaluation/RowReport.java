package io.celestialnexus.engine.ssq.evaluation;

import io.celestialnexus.engine.ssq.score.PrizeTier;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One strategy's (or the fusion's) record over the evaluated draws, each figure beside its random baseline.
 *
 * @param redHits mean red hits of its picks per draw (baseline 36/33)
 * @param blueHitRate share of draws its blue pick hit (baseline 1/16)
 * @param logLoss mean log-loss per draw in nats (baseline: the uniform forecast's, 6·ln 33 + ln 16); lower is better
 * @param reason which intervals decided the verdict
 */
public record RowReport(
    String name,
    boolean fusion,
    int draws,
    Estimate redHits,
    Estimate blueHitRate,
    Estimate logLoss,
    Map<PrizeTier, Integer> tiers,
    RowVerdict verdict,
    String reason) {

  public RowReport {
    tiers = Collections.unmodifiableMap(new EnumMap<>(tiers));
  }
}
