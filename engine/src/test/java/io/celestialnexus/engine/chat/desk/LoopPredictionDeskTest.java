package io.celestialnexus.engine.chat.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.chat.skill.PredictionSkill;
import io.celestialnexus.engine.ssq.evaluation.EvaluationReport;
import io.celestialnexus.engine.ssq.evaluation.Evaluator;
import io.celestialnexus.engine.ssq.evaluation.RowReport;
import io.celestialnexus.engine.ssq.state.IssueRecord;
import io.celestialnexus.engine.ssq.state.WeightsVersion;
import io.celestialnexus.engine.testing.FixedPredictions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The chat's prediction desk hands the skills the loop's real figures, and says honestly when there are none. */
class LoopPredictionDeskTest {

  private static <T> T ready(CompletionStage<DeskAnswer<T>> answer) {
    return answer.toCompletableFuture().join().fold(value -> value, reason -> {
      throw new AssertionError("expected a ready answer, got unavailable: " + reason);
    });
  }

  private static String reason(CompletionStage<? extends DeskAnswer<?>> answer) {
    return assertInstanceOf(DeskAnswer.Unavailable.class, answer.toCompletableFuture().join(), "an unavailable answer").reason();
  }

  @Test
  void latestPicksCarryTheIssuePicksVersionAndTheFusionsEvaluation() {
    LatestPicks picks = ready(new LoopPredictionDesk(FixedPredictions.running()).latestPicks());
    assertEquals(Integer.toString(FixedPredictions.LATEST), picks.issue());
    assertEquals(List.of(1, 2, 3, 4, 5, 6), picks.reds());
    assertEquals(7, picks.blue());
    assertEquals("v3", picks.weightsVersion());
    assertEquals(FixedPredictions.AT, picks.madeAt());
    EvaluationSummary summary = picks.evaluation().orElseThrow();
    RowReport fusion = FixedPredictions.report().row(Evaluator.FUSION);
    assertEquals(fusion.draws(), summary.draws());
    assertEquals(fusion.redHits().value(), summary.meanRedHits().estimate());
    assertEquals(fusion.blueHitRate().value(), summary.blueHitRate().estimate());
  }

  @Test
  void theEvaluationIsTheFusionRowOverTheWholeLogWithItsIntervals() {
    EvaluationSummary summary = ready(new LoopPredictionDesk(FixedPredictions.running()).evaluation());
    var report = FixedPredictions.report();
    RowReport fusion = report.row(Evaluator.FUSION);
    assertEquals(Integer.toString(report.firstIssue()), summary.firstIssue());
    assertEquals(Integer.toString(report.lastIssue()), summary.lastIssue());
    assertEquals(fusion.redHits().low(), summary.meanRedHits().low());
    assertEquals(fusion.redHits().high(), summary.meanRedHits().high());
    assertEquals(fusion.blueHitRate().low(), summary.blueHitRate().low());
    // the intervals are the corrected ones, and the chat says so rather than calling them 95 %
    assertEquals(report.correctedConfidence(), summary.confidence());
    String level = HonestVerdict.level(summary);
    assertTrue(report.correctedConfidence() > 0.95 && !level.equals("95"), level);
    assertTrue(HonestVerdict.rates(summary).contains(level + "% CI"), HonestVerdict.rates(summary));
  }

  @Test
  void theSkillShowsTheRealPicksBesideTheBaselineWithoutClaimingSkillOnAFairHistory() {
    var message = ChatMessage.text(ChatMessage.Channel.OFFICIAL_ACCOUNT, "alice", "预测", "m-1", Instant.EPOCH);
    ChatReply reply = new PredictionSkill(new LoopPredictionDesk(FixedPredictions.running())).reply(message).toCompletableFuture().join();
    String text = assertInstanceOf(ChatReply.Text.class, reply).content();
    assertTrue(text.contains("红球：01 02 03 04 05 06  蓝球：07"), text);
    assertTrue(text.contains("随机基线 1.0909"), text);
    assertTrue(text.contains(HonestVerdict.NO_EVIDENCE), text);
  }

  @Test
  void beforeTheFirstPredictionBothAnswersAreUnavailableWithTheLoopsReason() {
    var desk = new LoopPredictionDesk(FixedPredictions.starting());
    assertEquals(LoopPredictionDesk.NO_PREDICTION, reason(desk.latestPicks()));
    assertEquals(LoopPredictionDesk.NOT_READY + "fewer than 2 draws are reviewed", reason(desk.evaluation()));
  }

  @Test
  void picksAreShownWithoutAnEvaluationWhileTooFewDrawsAreReviewed() {
    var predictedOnly =
        new FixedPredictions(
            List.of(new IssueRecord(FixedPredictions.LATEST, FixedPredictions.prediction(FixedPredictions.LATEST, 0), FixedPredictions.AT, null, null, null, null)),
            List.of(WeightsVersion.initial()),
            false);
    LatestPicks picks = ready(new LoopPredictionDesk(predictedOnly).latestPicks());
    assertEquals("v0", picks.weightsVersion());
    assertEquals(Optional.empty(), picks.evaluation());
  }

  @Test
  void aSkippedIssueWithoutPicksIsNoPrediction() {
    var skippedLast =
        new FixedPredictions(
            List.of(new IssueRecord(FixedPredictions.SKIPPED, null, null, null, null, "no draw data", FixedPredictions.AT)),
            List.of(WeightsVersion.initial()),
            false);
    assertEquals(LoopPredictionDesk.NO_PREDICTION, reason(new LoopPredictionDesk(skippedLast).latestPicks()));
  }

  @Test
  void aSlowLoopIsUnavailableAndAnyOtherFailureFailsTheAnswer() {
    var slow = failingWith(new TimeoutException("ask timed out"));
    assertEquals(LoopPredictionDesk.TOO_SLOW, reason(new LoopPredictionDesk(slow).latestPicks()));
    assertEquals(LoopPredictionDesk.TOO_SLOW, reason(new LoopPredictionDesk(slow).evaluation()));

    var broken = failingWith(new IllegalStateException("bug"));
    var failure = assertThrows(CompletionException.class, () -> new LoopPredictionDesk(broken).evaluation().toCompletableFuture().join());
    assertInstanceOf(IllegalStateException.class, failure.getCause());
  }

  private static FixedPredictions failingWith(Throwable failure) {
    return new FixedPredictions(List.of(), List.of(WeightsVersion.initial()), true) {
      @Override
      public CompletionStage<Optional<IssueRecord>> latestPrediction() {
        return CompletableFuture.failedFuture(failure);
      }

      @Override
      public CompletionStage<EvaluationReport> evaluation(int window) {
        return CompletableFuture.failedFuture(failure);
      }
    };
  }
}
