package io.celestialnexus.engine.ssq.state;

import static io.celestialnexus.engine.ssq.state.StateFixtures.SETTINGS;
import static io.celestialnexus.engine.ssq.state.StateFixtures.prediction;
import static io.celestialnexus.engine.ssq.state.StateFixtures.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.engine.ssq.Ticket;
import io.celestialnexus.engine.testing.ManualClock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredictionLogTest {

  @JUnit5TestKit public ActorTestKit testKit = ActorTestKit.create(EventSourcedBehaviorTestKit.config());

  private EventSourcedBehaviorTestKit<PredictionLog.Command, PredictionLog.Event, PredictionLog.State> log;

  @BeforeEach
  void freshLog() {
    log =
        EventSourcedBehaviorTestKit.create(
            testKit.system(),
            PredictionLog.create("test", SETTINGS, new ManualClock(Instant.parse("2026-01-01T00:00:00Z"))),
            EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyState(false));
    log.clear();
  }

  private StatusReply<IssueRecord> review(Review review) {
    return log.<StatusReply<IssueRecord>>runCommand(r -> new PredictionLog.RecordReview(review, r)).reply();
  }

  @Test
  void theFirstPredictionForAnIssueStands() {
    var first = log.<StatusReply<IssueRecord>>runCommand(r -> new PredictionLog.RecordPrediction(prediction(2026001, 3), r));
    assertEquals(3, first.reply().getValue().prediction().weightsVersion());
    var second = log.<StatusReply<IssueRecord>>runCommand(r -> new PredictionLog.RecordPrediction(prediction(2026001, 4), r));
    assertTrue(second.hasNoEvents());
    assertEquals(3, second.reply().getValue().prediction().weightsVersion());
  }

  @Test
  void aReviewNeedsAPredictionAndIsStoredWithItsScore() {
    assertEquals("issue 2026002 has no prediction to review", review(new Review(2026002, 2, false, 0, 3.2)).getError().getMessage());
    log.<StatusReply<IssueRecord>>runCommand(r -> new PredictionLog.RecordPrediction(prediction(2026002, 1), r));
    IssueRecord reviewed = review(new Review(2026002, 4, true, 4, 3.1)).getValue();
    assertEquals(IssueRecord.Status.REVIEWED, reviewed.status());
    assertEquals(4, reviewed.review().prizeTier());
    assertTrue(review(new Review(2026002, 1, true, 6, 3.1)).isError(), "a second, different score is refused");
  }

  @Test
  void aSkippedIssueKeepsItsReasonAndTakesNoPrediction() {
    var skipped = log.<StatusReply<IssueRecord>>runCommand(r -> new PredictionLog.SkipIssue(2026003, "3 attempts exhausted", r));
    assertEquals(IssueRecord.Status.SKIPPED, skipped.reply().getValue().status());
    var late = log.<StatusReply<IssueRecord>>runCommand(r -> new PredictionLog.RecordPrediction(prediction(2026003, 1), r));
    assertEquals("issue 2026003 was skipped: 3 attempts exhausted", late.reply().getError().getMessage());
  }

  @Test
  void invalidPredictionsCannotBeBuilt() {
    assertThrows(IllegalArgumentException.class, () -> new Prediction(2026001, new Ticket(List.of(1, 2, 3, 4, 5, 6), 1), List.of(), uniform(32), uniform(16), 1));
    assertThrows(IllegalArgumentException.class, () -> new Ticket(List.of(1, 1, 3, 4, 5, 6), 1));
    var skewed = new java.util.ArrayList<>(uniform(16));
    skewed.set(0, 0.5);
    assertThrows(IllegalArgumentException.class, () -> new Prediction(2026001, new Ticket(List.of(1, 2, 3, 4, 5, 6), 1), List.of(), uniform(33), skewed, 1));
  }

  @Test
  void latestAndRangesSurviveARestart() {
    for (int issue = 2025001; issue <= 2025150; issue++) {
      int i = issue;
      log.<StatusReply<IssueRecord>>runCommand(r -> new PredictionLog.RecordPrediction(prediction(i, 1), r));
      log.<StatusReply<IssueRecord>>runCommand(r -> new PredictionLog.RecordReview(new Review(i, 1, false, 0, 3.0), r));
    }
    log.restart();
    Optional<IssueRecord> latest = log.<PredictionLog.IssueLookup>runCommand(PredictionLog.GetLatest::new).reply().record();
    assertEquals(2025150, latest.orElseThrow().issue());
    var range = log.<PredictionLog.IssueRecords>runCommand(r -> new PredictionLog.GetIssues(2025100, 3, r)).reply();
    assertEquals(150, range.total());
    assertEquals(List.of(2025100, 2025101, 2025102), range.records().stream().map(IssueRecord::issue).toList());
  }
}
