package io.celestialnexus.engine.testing;

import io.celestialnexus.engine.ssq.SsqTesting;
import io.celestialnexus.engine.ssq.Ticket;
import io.celestialnexus.engine.ssq.evaluation.EvaluationReport;
import io.celestialnexus.engine.ssq.evaluation.Evaluator;
import io.celestialnexus.engine.ssq.loop.PredictionService;
import io.celestialnexus.engine.ssq.state.Decision;
import io.celestialnexus.engine.ssq.state.Evidence;
import io.celestialnexus.engine.ssq.state.IssueRecord;
import io.celestialnexus.engine.ssq.state.Prediction;
import io.celestialnexus.engine.ssq.state.Review;
import io.celestialnexus.engine.ssq.state.StrategyWeights;
import io.celestialnexus.engine.ssq.state.WeightsVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A hand-written {@link PredictionService} answering fixed records, for testing the edges (HTTP, chat) against
 * the contract. {@link #running()} has three issues (skipped, reviewed, predicted), three weights versions and an
 * evaluation of a fair synthetic history; {@link #starting()} is a loop that has predicted nothing yet.
 * Refusals follow the contract: IllegalArgumentException for a bad rollback or chart, LoopNotReady for an
 * evaluation with too few reviewed draws.
 */
public class FixedPredictions implements PredictionService {

  public static final int SKIPPED = 2026095;
  public static final int REVIEWED = 2026096;
  public static final int LATEST = 2026097;
  public static final Instant AT = Instant.parse("2026-08-20T12:00:00Z");
  public static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  public static final Triggered TUNER = new Triggered("ssq-tuner", "/api/tasks/ssq-tuner");
  public static final Triggered AUTORL = new Triggered("ssq-autorl", "/api/tasks/ssq-autorl");

  private static EvaluationReport report;

  private final List<IssueRecord> issues;
  private final List<WeightsVersion> versions;
  private final boolean evaluated;

  public FixedPredictions(List<IssueRecord> issues, List<WeightsVersion> versions, boolean evaluated) {
    this.issues = List.copyOf(issues);
    this.versions = List.copyOf(versions);
    this.evaluated = evaluated;
  }

  public static FixedPredictions running() {
    return new FixedPredictions(
        List.of(
            new IssueRecord(SKIPPED, null, null, null, null, "the draw came before a prediction", AT.minusSeconds(7200)),
            new IssueRecord(REVIEWED, prediction(REVIEWED, 2), AT.minusSeconds(3600), new Review(REVIEWED, 2, true, 6, 22.9), AT, null, null),
            new IssueRecord(LATEST, prediction(LATEST, 3), AT, null, null, null, null)),
        List.of(
            WeightsVersion.initial(),
            new WeightsVersion(1, Map.of("frequency", 0.5, "uniform", 0.5), WeightsVersion.Change.TUNED, "tuned", AT.minusSeconds(7200)),
            new WeightsVersion(2, Map.of("frequency", 0.6, "uniform", 0.4), WeightsVersion.Change.PROMOTED, "promoted", AT.minusSeconds(3600))),
        true);
  }

  public static FixedPredictions starting() {
    return new FixedPredictions(List.of(), List.of(WeightsVersion.initial()), false);
  }

  /** Picks 1..6 + 7 with extra tickets, from flat probabilities, made by weights version {@code version}. */
  public static Prediction prediction(int issue, int version) {
    List<Double> reds = Collections.nCopies(33, 1.0 / 33);
    List<Double> blues = Collections.nCopies(16, 1.0 / 16);
    return new Prediction(issue, new Ticket(List.of(6, 5, 4, 3, 2, 1), 7), List.of(new Ticket(List.of(8, 9, 10, 11, 12, 13), 2)), reds, blues, version);
  }

  /** An honest report over a fair synthetic history (computed once: the walk-forward takes a moment). */
  public static synchronized EvaluationReport report() {
    if (report == null) {
      report = Evaluator.evaluate(SsqTesting.walk(SyntheticDraws.fair(40, 5)), 0, 0.95, "live");
    }
    return report;
  }

  @Override
  public CompletionStage<Optional<IssueRecord>> latestPrediction() {
    return done(issues.isEmpty() ? Optional.empty() : Optional.of(issues.get(issues.size() - 1)));
  }

  @Override
  public CompletionStage<Optional<IssueRecord>> prediction(int issue) {
    return done(issues.stream().filter(record -> record.issue() == issue).findFirst());
  }

  @Override
  public CompletionStage<WeightsVersion> weights() {
    return done(versions.get(versions.size() - 1));
  }

  @Override
  public CompletionStage<StrategyWeights.WeightsHistory> weightsHistory(int fromVersion, int limit) {
    List<WeightsVersion> from = versions.stream().filter(version -> version.version() >= fromVersion).limit(limit).toList();
    return done(new StrategyWeights.WeightsHistory(versions.size() - 1, from));
  }

  @Override
  public CompletionStage<StrategyWeights.Decisions> decisions(int limit) {
    var evidence = new Evidence("blend-1", Map.of("frequency", 0.6, "uniform", 0.4), 0.02, 0.001, 30, "blend", null, 0, Map.of());
    List<Decision> all = List.of(new Decision(true, 2, evidence, null, AT.minusSeconds(3600)));
    return done(new StrategyWeights.Decisions(all.size(), all.stream().limit(limit).toList()));
  }

  @Override
  public CompletionStage<WeightsVersion> rollBack(int version, String reason) {
    int live = versions.size() - 1;
    if (version < 0 || version >= live) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("no earlier version " + version + " to roll back to (live is " + live + ")"));
    }
    WeightsVersion restored = versions.get(version);
    return done(new WeightsVersion(live + 1, restored.weights(), WeightsVersion.Change.ROLLED_BACK, "to v" + version + ": " + reason, AT));
  }

  @Override
  public CompletionStage<List<StrategyView>> strategies() {
    List<StrategyView> views = new ArrayList<>();
    weightsOf(versions.get(versions.size() - 1)).forEach((name, weight) -> views.add(new StrategyView(name, name + " strategy", weight)));
    return done(List.copyOf(views));
  }

  @Override
  public CompletionStage<EvaluationReport> evaluation(int window) {
    if (!evaluated) {
      return CompletableFuture.failedFuture(new LoopNotReady("fewer than 2 draws are reviewed"));
    }
    return done(report());
  }

  @Override
  public CompletionStage<byte[]> chart(String name) {
    if (!CHARTS.contains(name)) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("no chart " + name));
    }
    return done(PNG.clone());
  }

  @Override
  public CompletionStage<Triggered> runTuner() {
    return done(TUNER);
  }

  @Override
  public CompletionStage<Triggered> runAutoRl() {
    return done(AUTORL);
  }

  private static Map<String, Double> weightsOf(WeightsVersion version) {
    return version.weights().isEmpty() ? Map.of("uniform", 1.0) : new TreeMap<>(version.weights());
  }

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
