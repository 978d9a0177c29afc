package io.celestialnexus.engine.chat.desk;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the chat needs from the prediction domain: the latest fused picks and the recent evaluation. The prediction
 * loop implements it; until it runs, {@link #unavailable()} says so honestly.
 */
public interface PredictionDesk {

  CompletionStage<DeskAnswer<LatestPicks>> latestPicks();

  CompletionStage<DeskAnswer<EvaluationSummary>> evaluation();

  /** The desk of a node without a prediction loop: every answer is "not available yet". */
  static PredictionDesk unavailable() {
    return new PredictionDesk() {
      @Override
      public CompletionStage<DeskAnswer<LatestPicks>> latestPicks() {
        return CompletableFuture.completedFuture(DeskAnswer.unavailable("预测循环尚未在本节点运行（the prediction loop is not available yet）"));
      }

      @Override
      public CompletionStage<DeskAnswer<EvaluationSummary>> evaluation() {
        return CompletableFuture.completedFuture(DeskAnswer.unavailable("尚无评估结果（no evaluation is available yet）"));
      }
    };
  }
}
