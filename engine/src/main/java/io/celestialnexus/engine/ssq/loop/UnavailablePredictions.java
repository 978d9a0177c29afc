package io.celestialnexus.engine.ssq.loop;

import io.celestialnexus.engine.ssq.evaluation.EvaluationReport;
import io.celestialnexus.engine.ssq.state.IssueRecord;
import io.celestialnexus.engine.ssq.state.StrategyWeights;
import io.celestialnexus.engine.ssq.state.WeightsVersion;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link PredictionService#unavailable()}: every question fails with {@link PredictionService.LoopNotReady}, so the
 * SSQ routes answer an honest 503 instead of being absent.
 */
final class UnavailablePredictions implements PredictionService {

  static final PredictionService INSTANCE = new UnavailablePredictions();

  private static final String REASON = "the prediction loop does not run on this node";

  private UnavailablePredictions() {}

  private static <T> CompletionStage<T> notRunning() {
    return CompletableFuture.failedFuture(new LoopNotReady(REASON));
  }

  @Override
  public CompletionStage<Optional<IssueRecord>> latestPrediction() {
    return notRunning();
  }

  @Override
  public CompletionStage<Optional<IssueRecord>> prediction(int issue) {
    return notRunning();
  }

  @Override
  public CompletionStage<WeightsVersion> weights() {
    return notRunning();
  }

  @Override
  public CompletionStage<StrategyWeights.WeightsHistory> weightsHistory(int fromVersion, int limit) {
    return notRunning();
  }

  @Override
  public CompletionStage<StrategyWeights.Decisions> decisions(int limit) {
    return notRunning();
  }

  @Override
  public CompletionStage<WeightsVersion> rollBack(int version, String reason) {
    return notRunning();
  }

  @Override
  public CompletionStage<List<StrategyView>> strategies() {
    return notRunning();
  }

  @Override
  public CompletionStage<EvaluationReport> evaluation(int window) {
    return notRunning();
  }

  @Override
  public CompletionStage<byte[]> chart(String name) {
    return notRunning();
  }

  @Override
  public CompletionStage<Triggered> runTuner() {
    return notRunning();
  }

  @Override
  public CompletionStage<Triggered> runAutoRl() {
    return notRunning();
  }
}
