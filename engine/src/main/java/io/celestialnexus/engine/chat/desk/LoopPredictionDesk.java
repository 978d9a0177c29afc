package io.celestialnexus.engine.chat.desk;

import io.celestialnexus.engine.ssq.evaluation.Estimate;
import io.celestialnexus.engine.ssq.evaluation.EvaluationReport;
import io.celestialnexus.engine.ssq.evaluation.Evaluator;
import io.celestialnexus.engine.ssq.evaluation.RowReport;
import io.celestialnexus.engine.ssq.loop.PredictionService;
import io.celestialnexus.engine.ssq.state.IssueRecord;
import io.celestialnexus.engine.ssq.state.Prediction;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * The chat's prediction desk over the running {@link PredictionService}: the latest picks with the fusion's
 * evaluation (the whole reviewed log), and that evaluation alone. It only hands over data; the skills word it,
 * and only they decide what counts as evidence. A loop that is not ready or too slow is an honest "unavailable";
 * any other failure fails the answer (the chat router logs it and sends its apology).
 */
public final class LoopPredictionDesk implements PredictionDesk {

  static final String NO_PREDICTION = "尚无预测：预测循环还没有为下一期给出号码（no prediction has been made yet）";
  static final String NOT_READY = "预测循环尚未就绪（the prediction loop is not ready）：";
  static final String TOO_SLOW = "预测循环暂时没有回应，请稍后再试（the prediction loop did not answer in time）";

  // 0 = every reviewed draw: the chat shows the whole record, not a flattering window
  private static final int ALL_DRAWS = 0;

  private final PredictionService loop;

  public LoopPredictionDesk(PredictionService loop) {
    this.loop = loop;
  }

  @Override
  public CompletionStage<DeskAnswer<LatestPicks>> latestPicks() {
    return loop.latestPrediction()
        .thenCompose(
            latest ->
                latest
                    .filter(record -> record.prediction() != null)
                    .map(this::withEvaluation)
                    .orElseGet(() -> CompletableFuture.completedFuture(DeskAnswer.unavailable(NO_PREDICTION))))
        .exceptionally(LoopPredictionDesk::unavailable);
  }

  @Override
  public CompletionStage<DeskAnswer<EvaluationSummary>> evaluation() {
    return loop.evaluation(ALL_DRAWS)
        .thenApply(report -> DeskAnswer.ready(summary(report)))
        .exceptionally(LoopPredictionDesk::unavailable);
  }

  /** The picks, with the evaluation when there is one: picks are worth showing even before two draws are reviewed. */
  private CompletionStage<DeskAnswer<LatestPicks>> withEvaluation(IssueRecord record) {
    return loop.evaluation(ALL_DRAWS)
        .handle((report, failure) -> failure == null ? Optional.of(summary(report)) : Optional.<EvaluationSummary>empty())
        .thenApply(evaluation -> DeskAnswer.ready(picks(record, evaluation)));
  }

  static LatestPicks picks(IssueRecord record, Optional<EvaluationSummary> evaluation) {
    Prediction prediction = record.prediction();
    return new LatestPicks(
        Integer.toString(record.issue()),
        prediction.picks().reds(),
        prediction.picks().blue(),
        "v" + prediction.weightsVersion(),
        record.predictedAt(),
        evaluation);
  }

  /** The fusion's row, with the level its intervals were computed at (the report's corrected one). */
  static EvaluationSummary summary(EvaluationReport report) {
    RowReport fusion = report.row(Evaluator.FUSION);
    return new EvaluationSummary(
        fusion.draws(),
        Integer.toString(report.firstIssue()),
        Integer.toString(report.lastIssue()),
        interval(fusion.redHits()),
        interval(fusion.blueHitRate()),
        report.correctedConfidence());
  }

  // an interval that excludes its own estimate by a rounding error is widened to hold it, never narrowed
  private static EvaluationSummary.Interval interval(Estimate estimate) {
    return new EvaluationSummary.Interval(
        estimate.value(), Math.min(estimate.low(), estimate.value()), Math.max(estimate.high(), estimate.value()));
  }

  private static <T> DeskAnswer<T> unavailable(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof PredictionService.LoopNotReady notReady) {
      return DeskAnswer.unavailable(NOT_READY + notReady.getMessage());
    }
    if (cause instanceof TimeoutException) {
      return DeskAnswer.unavailable(TOO_SLOW);
    }
    throw failure instanceof CompletionException wrapped ? wrapped : new CompletionException(cause);
  }
}
