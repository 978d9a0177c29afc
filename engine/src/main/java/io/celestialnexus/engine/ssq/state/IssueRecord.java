package io.celestialnexus.engine.ssq.state;

import io.celestialnexus.persistence.CborSerializable;
import java.time.Instant;

/**
 * What the prediction log holds for one issue: the prediction (and when it was made), its review once the
 * draw is known, or why the issue was skipped. Absent parts are null.
 */
public record IssueRecord(
    int issue, Prediction prediction, Instant predictedAt, Review review, Instant reviewedAt, String skipReason, Instant skippedAt)
    implements CborSerializable {

  /** Where the issue stands. */
  public enum Status {
    PREDICTED,
    REVIEWED,
    SKIPPED
  }

  public Status status() {
    if (skipReason != null) {
      return Status.SKIPPED;
    }
    return review != null ? Status.REVIEWED : Status.PREDICTED;
  }

  static IssueRecord predicted(Prediction prediction, Instant at) {
    return new IssueRecord(prediction.issue(), prediction, at, null, null, null, null);
  }

  IssueRecord reviewed(Review review, Instant at) {
    return new IssueRecord(issue, prediction, predictedAt, review, at, null, null);
  }

  IssueRecord skipped(String reason, Instant at) {
    return new IssueRecord(issue, prediction, predictedAt, review, reviewedAt, reason, at);
  }
}
