package io.celestialnexus.engine.ssq.loop;

import io.celestialnexus.engine.ssq.evaluation.EvaluationReport;
import io.celestialnexus.engine.ssq.state.IssueRecord;
import io.celestialnexus.engine.ssq.state.StrategyWeights;
import io.celestialnexus.engine.ssq.state.WeightsVersion;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What the edges (HTTP API, chat, command line) ask of the SSQ prediction loop. Every answer is asynchronous and
 * bounded by a timeout. Failures an edge should map: {@link LoopNotReady} (nothing to answer yet, or the loop does
 * not run on this node: 503), {@link IllegalArgumentException} (a bad request, e.g. a rollback version that does
 * not exist or an unknown chart: 400/404 with its message), {@code TimeoutException} (503).
 */
public interface PredictionService {

  /** The newest issue's record (its prediction, and its review once drawn); empty before the first prediction. */
  CompletionStage<Optional<IssueRecord>> latestPrediction();

  CompletionStage<Optional<IssueRecord>> prediction(int issue);

  /** The live weights version. */
  CompletionStage<WeightsVersion> weights();

  /** Versions from {@code fromVersion} on, oldest first, at most {@code limit}. */
  CompletionStage<StrategyWeights.WeightsHistory> weightsHistory(int fromVersion, int limit);

  /** The newest {@code limit} AutoRL decisions (promotions and rejections with their evidence), newest first. */
  CompletionStage<StrategyWeights.Decisions> decisions(int limit);

  /** Restores version {@code version}'s weights and policy as a new version; IllegalArgumentException if there is no such earlier version. */
  CompletionStage<WeightsVersion> rollBack(int version, String reason);

  /** Every strategy the fusion mixes, with its live weight. */
  CompletionStage<List<StrategyView>> strategies();

  /**
   * The honest evaluation of the live prediction log: the last {@code window} reviewed draws (0 = all); LoopNotReady
   * while fewer than 2 draws are reviewed.
   */
  CompletionStage<EvaluationReport> evaluation(int window);

  /** A chart as PNG bytes; {@code name} is one of {@link #CHARTS}; IllegalArgumentException for any other. */
  CompletionStage<byte[]> chart(String name);

  /** Asks the tuner task to step now; answers once the request is taken (the task runs it and records a new version). */
  CompletionStage<Triggered> runTuner();

  /** Asks the AutoRL task for a round now, regardless of its minimum interval. */
  CompletionStage<Triggered> runAutoRl();

  /** The service of a node where the loop does not run: every question fails with {@link LoopNotReady}. */
  static PredictionService unavailable() {
    return UnavailablePredictions.INSTANCE;
  }

  /** The charts {@link #chart} draws. */
  List<String> CHARTS = List.of("weights", "red-hits", "log-loss");

  /** A strategy as the API lists it. */
  record StrategyView(String name, String title, double weight) {}

  /** A run asked of a task: which task, and where to follow it. */
  record Triggered(String task, String status) {}

  /** The loop cannot answer yet (still loading, nothing reviewed) or does not run on this node. */
  final class LoopNotReady extends RuntimeException {
    public LoopNotReady(String message) {
      super(message);
    }
  }
}
