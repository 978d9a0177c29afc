package io.celestialnexus.engine.ssq.loop;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.state.Decision;
import io.celestialnexus.engine.ssq.state.DrawHistory;
import io.celestialnexus.engine.ssq.state.Evidence;
import io.celestialnexus.engine.ssq.state.IssueRecord;
import io.celestialnexus.engine.ssq.state.Prediction;
import io.celestialnexus.engine.ssq.state.PredictionLog;
import io.celestialnexus.engine.ssq.state.StrategyWeights;
import io.celestialnexus.engine.ssq.state.WeightsVersion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The loop's way into the three entities: each call asks with the state ask-timeout and waits for the answer, so a
 * task step reads as plain sequential code (steps run on the blocking step pool, where waiting is allowed). A
 * refused command (StatusReply error) comes back as {@link Refused} with the entity's message; a journal outage
 * longer than the timeout as a {@link TimeoutException} wrapped in {@link Unavailable}: either fails the step, and
 * the task retries with backoff.
 */
public final class LoopStore {

  private final ActorRef<DrawHistory.Command> draws;
  private final ActorRef<StrategyWeights.Command> weights;
  private final ActorRef<PredictionLog.Command> predictions;
  private final Scheduler scheduler;
  private final Duration timeout;

  public LoopStore(
      ActorRef<DrawHistory.Command> draws,
      ActorRef<StrategyWeights.Command> weights,
      ActorRef<PredictionLog.Command> predictions,
      Scheduler scheduler,
      Duration timeout) {
    this.draws = draws;
    this.weights = weights;
    this.predictions = predictions;
    this.scheduler = scheduler;
    this.timeout = timeout;
  }

  /** An entity refused a command; the message is its reason. */
  public static final class Refused extends RuntimeException {
    Refused(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The storage did not answer in time (a journal outage, or an entity restarting). */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public List<Draw> draws() throws InterruptedException {
    return await("the draw history", AskPattern.ask(draws, DrawHistory.GetAll::new, timeout, scheduler)).draws();
  }

  public List<IssueRecord> issueRecords() throws InterruptedException {
    return await(
            "the prediction log",
            AskPattern.<PredictionLog.Command, PredictionLog.IssueRecords>ask(
                predictions, replyTo -> new PredictionLog.GetIssues(0, Integer.MAX_VALUE, replyTo), timeout, scheduler))
        .records();
  }

  public WeightsVersion liveWeights() throws InterruptedException {
    return await("the live weights", AskPattern.ask(weights, StrategyWeights.GetWeights::new, timeout, scheduler));
  }

  public List<WeightsVersion> weightsHistory() throws InterruptedException {
    return await(
            "the weights history",
            AskPattern.<StrategyWeights.Command, StrategyWeights.WeightsHistory>ask(
                weights, replyTo -> new StrategyWeights.GetHistory(0, Integer.MAX_VALUE, replyTo), timeout, scheduler))
        .versions();
  }

  /** Every AutoRL decision, newest first. */
  public List<Decision> decisions() throws InterruptedException {
    return await(
            "the AutoRL decisions",
            AskPattern.<StrategyWeights.Command, StrategyWeights.Decisions>ask(
                weights, replyTo -> new StrategyWeights.GetDecisions(Integer.MAX_VALUE, replyTo), timeout, scheduler))
        .decisions();
  }

  /** The newest AutoRL decision, if any was made. */
  public Optional<Decision> newestDecision() throws InterruptedException {
    return await(
            "the newest AutoRL decision",
            AskPattern.<StrategyWeights.Command, StrategyWeights.Decisions>ask(
                weights, replyTo -> new StrategyWeights.GetDecisions(1, replyTo), timeout, scheduler))
        .decisions()
        .stream()
        .findFirst();
  }

  public WeightsVersion tune(Map<String, Double> tuned, Map<String, Double> parameters) throws InterruptedException {
    return await(
        "storing tuned weights",
        AskPattern.askWithStatus(weights, replyTo -> new StrategyWeights.TuneWeights(tuned, parameters, replyTo), timeout, scheduler));
  }

  /** One version per entry, numbered consecutively; answers the last. */
  public WeightsVersion tuneInOrder(List<Map<String, Double>> tuned, Map<String, Double> parameters) throws InterruptedException {
    return await(
        "storing tuned weights",
        AskPattern.askWithStatus(
            weights, replyTo -> new StrategyWeights.TuneWeightsInOrder(tuned, parameters, replyTo), timeout, scheduler));
  }

  public WeightsVersion promote(Map<String, Double> prior, Evidence evidence) throws InterruptedException {
    return await(
        "storing a promotion",
        AskPattern.askWithStatus(weights, replyTo -> new StrategyWeights.PromoteCandidate(prior, evidence, replyTo), timeout, scheduler));
  }

  public Decision reject(Evidence evidence, String reason) throws InterruptedException {
    return await(
        "storing a rejection",
        AskPattern.askWithStatus(weights, replyTo -> new StrategyWeights.RejectCandidate(evidence, reason, replyTo), timeout, scheduler));
  }

  public WeightsVersion rollBack(int toVersion, String reason) throws InterruptedException {
    return await(
        "storing a rollback",
        AskPattern.askWithStatus(weights, replyTo -> new StrategyWeights.RollBack(toVersion, reason, replyTo), timeout, scheduler));
  }

  public IssueRecord recordPrediction(Prediction prediction) throws InterruptedException {
    return await(
        "storing a prediction",
        AskPattern.askWithStatus(predictions, replyTo -> new PredictionLog.RecordPrediction(prediction, replyTo), timeout, scheduler));
  }

  public int recordOutcomes(List<PredictionLog.Outcome> outcomes) throws InterruptedException {
    return await(
        "storing reviews",
        AskPattern.askWithStatus(predictions, replyTo -> new PredictionLog.RecordOutcomes(outcomes, replyTo), timeout, scheduler));
  }

  public IssueRecord skip(int issue, String reason) throws InterruptedException {
    return await(
        "storing a skipped issue",
        AskPattern.askWithStatus(predictions, replyTo -> new PredictionLog.SkipIssue(issue, reason, replyTo), timeout, scheduler));
  }

  private <T> T await(String what, CompletionStage<T> answer) throws InterruptedException {
    try {
      return answer.toCompletableFuture().get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TimeoutException) {
        throw new Unavailable(what + ": the storage did not answer within " + timeout, cause);
      }
      if (cause instanceof org.apache.pekko.pattern.StatusReply.ErrorMessage) {
        throw new Refused(what + ": " + cause.getMessage(), cause);
      }
      throw new IllegalStateException(what + " failed: " + cause, cause);
    } catch (TimeoutException e) {
      throw new Unavailable(what + ": the storage did not answer within " + timeout, e);
    }
  }
}
