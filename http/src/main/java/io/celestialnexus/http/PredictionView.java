package io.celestialnexus.http;

import io.celestialnexus.engine.ssq.Ticket;
import io.celestialnexus.engine.ssq.score.RandomBaseline;
import io.celestialnexus.engine.ssq.state.IssueRecord;
import io.celestialnexus.engine.ssq.state.Prediction;
import io.celestialnexus.engine.ssq.state.Review;
import java.time.Instant;
import java.util.List;

/**
 * One issue of the prediction log as the API serves it. Absent parts are null: a skipped issue may have no
 * prediction, a predicted one no review yet. A hit count is never served without the random baseline beside it.
 */
public record PredictionView(
    int issue,
    IssueRecord.Status status,
    Ticket picks,
    List<Ticket> extraTickets,
    Integer weightsVersion,
    Instant predictedAt,
    ReviewView review,
    Instant reviewedAt,
    String skipReason,
    Instant skippedAt,
    Probabilities probabilities) {

  /** How the prediction scored, beside what a random ticket scores. */
  public record ReviewView(int redHits, boolean blueHit, int prizeTier, double logLoss, Chance baseline) {
    static ReviewView of(Review review) {
      return new ReviewView(review.redHits(), review.blueHit(), review.prizeTier(), review.logLoss(), Chance.SSQ);
    }
  }

  /** A random ticket against a fair draw: 36/33 red hits expected, blue hit 1 in 16, the uniform forecast's log-loss. */
  public record Chance(double expectedRedHits, double blueHitRate, double logLoss) {
    static final Chance SSQ =
        new Chance(RandomBaseline.EXPECTED_RED_HITS, RandomBaseline.BLUE_HIT_RATE, RandomBaseline.UNIFORM_LOG_LOSS);
  }

  /** The fused distribution the picks came from: 33 red and 16 blue probabilities, number 1 first. */
  public record Probabilities(List<Double> reds, List<Double> blues) {}

  static PredictionView of(IssueRecord record) {
    Prediction prediction = record.prediction();
    boolean predicted = prediction != null;
    return new PredictionView(
        record.issue(),
        record.status(),
        predicted ? prediction.picks() : null,
        predicted ? prediction.extraTickets() : List.of(),
        predicted ? prediction.weightsVersion() : null,
        record.predictedAt(),
        record.review() != null ? ReviewView.of(record.review()) : null,
        record.reviewedAt(),
        record.skipReason(),
        record.skippedAt(),
        predicted ? new Probabilities(prediction.redProbabilities(), prediction.blueProbabilities()) : null);
  }
}
