package io.celestialnexus.engine.ssq.loop;

import io.celestialnexus.engine.ssq.evaluation.EvaluationReport;
import io.celestialnexus.engine.ssq.state.IssueRecord;
import io.celestialnexus.engine.ssq.state.PredictionLog;
import io.celestialnexus.engine.ssq.state.StrategyWeights;
import io.celestialnexus.engine.ssq.state.WeightsVersion;
import io.celestialnexus.engine.status.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.StatusReply;

/**
 * The {@link PredictionService} of a node: stored records straight from the entities, evaluations and charts
 * from the loop's published view (computed on {@code blocking}, never on an actor's thread), runs through the
 * task supervisor so that the tasks' watchdogs cover them. Without a loop on the node, only the stored
 * records are served.
 */
public final class LoopService implements PredictionService {

  private final ActorRef<StrategyWeights.Command> weights;
  private final ActorRef<PredictionLog.Command> predictions;
  private final Optional<PredictionLoop> loop;
  private final Function<String, CompletionStage<TaskStatus>> runTask;
  private final Scheduler scheduler;
  private final Executor blocking;
  private final Duration timeout;
  private volatile Evaluated lastEvaluated;

  /** @param runTask asks the task supervisor to step the named task now */
  public LoopService(
      ActorRef<StrategyWeights.Command> weights,
      ActorRef<PredictionLog.Command> predictions,
      Optional<PredictionLoop> loop,
      Function<String, CompletionStage<TaskStatus>> runTask,
      Scheduler scheduler,
      Executor blocking,
      Duration timeout) {
    this.weights = weights;
    this.predictions = predictions;
    this.loop = loop;
    this.runTask = runTask;
    this.scheduler = scheduler;
    this.blocking = blocking;
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<Optional<IssueRecord>> latestPrediction() {
    return AskPattern.ask(predictions, PredictionLog.GetLatest::new, timeout, scheduler).thenApply(PredictionLog.IssueLookup::record);
  }

  @Override
  public CompletionStage<Optional<IssueRecord>> prediction(int issue) {
    return AskPattern.<PredictionLog.Command, PredictionLog.IssueLookup>ask(
            predictions, replyTo -> new PredictionLog.GetIssue(issue, replyTo), timeout, scheduler)
        .thenApply(PredictionLog.IssueLookup::record);
  }

  @Override
  public CompletionStage<WeightsVersion> weights() {
    return AskPattern.ask(weights, StrategyWeights.GetWeights::new, timeout, scheduler);
  }

  @Override
  public CompletionStage<StrategyWeights.WeightsHistory> weightsHistory(int fromVersion, int limit) {
    return AskPattern.ask(weights, replyTo -> new StrategyWeights.GetHistory(fromVersion, limit, replyTo), timeout, scheduler);
  }

  @Override
  public CompletionStage<StrategyWeights.Decisions> decisions(int limit) {
    return AskPattern.ask(weights, replyTo -> new StrategyWeights.GetDecisions(limit, replyTo), timeout, scheduler);
  }

  @Override
  public CompletionStage<WeightsVersion> rollBack(int version, String reason) {
    String why = reason == null || reason.isBlank() ? "operator rollback" : "operator: " + reason;
    return AskPattern.<StrategyWeights.Command, StatusReply<WeightsVersion>>ask(
            weights, replyTo -> new StrategyWeights.RollBack(version, why, replyTo), timeout, scheduler)
        .thenApply(
            reply -> {
              if (reply.isError()) {
                // the entity's reason names the versions that can be restored: a bad request, not a failure
                throw new IllegalArgumentException(reply.getError().getMessage());
              }
              return reply.getValue();
            });
  }

  @Override
  public CompletionStage<List<StrategyView>> strategies() {
    return withLoop(running -> running.view().thenApply(running::strategies));
  }

  @Override
  public CompletionStage<EvaluationReport> evaluation(int window) {
    if (window < 0) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("window must be 0 (all) or more, was " + window));
    }
    return withLoop(running -> running.view().thenApplyAsync(view -> evaluate(view, running.settings().confidence(), window), blocking));
  }

  /** The report of {@code current}, reused while the view and the window stay the same (chat bursts ask for it often). */
  private EvaluationReport evaluate(LoopView current, double confidence, int window) {
    Evaluated last = lastEvaluated;
    if (last != null && last.view() == current && last.window() == window) {
      return last.report();
    }
    EvaluationReport report =
        current
            .evaluation(window, confidence)
            .orElseThrow(() -> new LoopNotReady("fewer than 2 draws are reviewed yet; the loop may still be catching up"));
    lastEvaluated = new Evaluated(current, window, report);
    return report;
  }

  private record Evaluated(LoopView view, int window, EvaluationReport report) {}

  @Override
  public CompletionStage<byte[]> chart(String name) {
    return withLoop(
        running ->
            running
                .view()
                .thenApplyAsync(
                    view -> view.chart(name).orElseThrow(() -> new LoopNotReady("no draw is reviewed yet: nothing to chart")), blocking));
  }

  @Override
  public CompletionStage<Triggered> runTuner() {
    return withLoop(running -> run(SsqLoop.TUNER_TASK));
  }

  @Override
  public CompletionStage<Triggered> runAutoRl() {
    return withLoop(
        running -> running.demandAutoRl().thenCompose(demanded -> run(SsqLoop.AUTORL_TASK)));
  }

  private CompletionStage<Triggered> run(String task) {
    return runTask.apply(task).thenApply(status -> new Triggered(task, "/api/tasks/" + task));
  }

  /** {@code work} on the loop, or a failed stage saying the loop does not run on this node. */
  private <T> CompletionStage<T> withLoop(Function<PredictionLoop, CompletionStage<T>> work) {
    return loop.map(work)
        .orElseGet(
            () -> CompletableFuture.failedFuture(
                new LoopNotReady("the prediction loop does not run on this node (nexus.engine.ssq.enabled = false)")));
  }
}
