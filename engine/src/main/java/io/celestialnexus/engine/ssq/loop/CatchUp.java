package io.celestialnexus.engine.ssq.loop;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.DrawContext;
import io.celestialnexus.engine.ssq.Forecast;
import io.celestialnexus.engine.ssq.History;
import io.celestialnexus.engine.ssq.Ticket;
import io.celestialnexus.engine.ssq.evaluation.DrawRecord;
import io.celestialnexus.engine.ssq.fusion.Weighting;
import io.celestialnexus.engine.ssq.state.Prediction;
import io.celestialnexus.engine.ssq.state.PredictionLog;
import io.celestialnexus.engine.ssq.state.WeightsVersion;
import io.celestialnexus.engine.ssq.tuning.WeightPolicy;
import io.celestialnexus.engine.support.EngineClock;
import io.celestialnexus.engine.task.TaskContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.pcollections.PVector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reviews every drawn issue the journal has not finished, oldest first, in batches: one {@code TuneWeightsInOrder}
 * (one version per issue, numbered consecutively, so each prediction's version is known before it is stored) and
 * one {@code RecordOutcomes} (prediction and review per issue) per batch. An issue predicted before its draw is
 * reviewed with that prediction; one never predicted is predicted from the draws before it with the weights of that
 * moment. A batch that fails is retried one issue at a time, from what the journal holds, so only the issue at fault
 * spends its {@link IssueAttempts}; an issue whose attempts are spent is recorded as skipped with the reason.
 */
final class CatchUp {

  private static final Logger LOG = LoggerFactory.getLogger(CatchUp.class);

  private final LoopStore store;
  private final JournalCache cache;
  private final IssueReviewer reviewer;
  private final IssueAttempts attempts;
  private final Optional<Duration> maxTimePerIssue;
  private final int batchSize;
  private final EngineClock clock;

  CatchUp(
      LoopStore store,
      JournalCache cache,
      IssueReviewer reviewer,
      IssueAttempts attempts,
      Optional<Duration> maxTimePerIssue,
      int batchSize,
      EngineClock clock) {
    this.store = store;
    this.cache = cache;
    this.reviewer = reviewer;
    this.attempts = attempts;
    this.maxTimePerIssue = maxTimePerIssue;
    this.batchSize = batchSize;
    this.clock = clock;
  }

  /**
   * Reviews what is pending among {@code draws} (the whole history, oldest first; {@code history} the same draws) and answers how many issues were
   * reviewed; {@code afterBatch} hears how many remain after each batch.
   */
  int run(TaskContext context, List<Draw> draws, History history, IntConsumer afterBatch) throws InterruptedException {
    LoopMemory memory = cache.current(context);
    List<Integer> pending = new ArrayList<>();
    for (int t = 0; t < draws.size(); t++) {
      if (!memory.finished(draws.get(t).issue())) {
        pending.add(t);
      }
    }
    int reviewed = 0;
    for (int from = 0; from < pending.size(); from += batchSize) {
      int to = Math.min(pending.size(), from + batchSize);
      reviewed += reviewCarefully(context, history, draws, pending.subList(from, to));
      afterBatch.accept(pending.size() - to);
    }
    return reviewed;
  }

  /** One batch in one write; if that fails, each issue alone, so that only the issue at fault spends its attempts. */
  private int reviewCarefully(TaskContext context, History history, List<Draw> draws, List<Integer> batch)
      throws InterruptedException {
    try {
      return reviewBatch(context, history, draws, batch);
    } catch (RuntimeException e) {
      cache.forget(); // the journal may hold part of the batch: start again from what it holds
      if (batch.size() > 1) {
        LOG.warn("reviewing {} issues from {} together failed ({}); retrying them one at a time", batch.size(),
            draws.get(batch.get(0)).issue(), e.toString());
        int reviewed = 0;
        for (Integer index : batch) {
          reviewed += reviewCarefully(context, history, draws, List.of(index));
        }
        return reviewed;
      }
      return failedAttempt(draws.get(batch.get(0)).issue(), e);
    }
  }

  private int reviewBatch(TaskContext context, History history, List<Draw> draws, List<Integer> batch) throws InterruptedException {
    LoopMemory memory = cache.current(context);
    WeightPolicy policy = memory.policy();
    PVector<DrawRecord> records = memory.records();
    Weighting weights = memory.weights();
    List<Staged> staged = new ArrayList<>();
    List<Map<String, Double>> tuned = new ArrayList<>();
    for (int index : batch) {
      Draw draw = draws.get(index);
      if (memory.finished(draw.issue())) {
        continue;
      }
      if (Thread.interrupted()) {
        throw new InterruptedException("ssq-cycle step abandoned");
      }
      Staged next = review(history.before(index), draw, memory.waiting(draw.issue()), weights);
      staged.add(next);
      records = records.plus(next.record());
      weights = reviewer.tune(policy, records);
      tuned.add(weights.weights());
    }
    if (staged.isEmpty()) {
      return 0;
    }
    WeightsVersion last = store.tuneInOrder(tuned, SsqLoop.parameters(policy, records.size()));
    int firstNew = last.version() - tuned.size() + 1;
    List<PredictionLog.Outcome> outcomes = new ArrayList<>(staged.size());
    for (int k = 0; k < staged.size(); k++) {
      Staged each = staged.get(k);
      // an issue never predicted is predicted with the weights live before it: the version before this one's tuning
      int version = k == 0 ? memory.version() : firstNew + k - 1;
      Prediction prediction =
          each.held() != null ? each.held() : Prediction.fromForecast(each.record().draw().issue(), each.fused(), 0, version);
      outcomes.add(new PredictionLog.Outcome(prediction, IssueReviewer.review(each.record())));
    }
    store.recordOutcomes(outcomes);
    List<DrawRecord> added = staged.stream().map(Staged::record).toList();
    memory.reviewed(added);
    memory.live(weights, last.version());
    added.forEach(record -> attempts.succeeded(record.draw().issue()));
    return staged.size();
  }

  /** Scores {@code draw}: with the prediction recorded before it when there is one, else with a fresh fused one. */
  private Staged review(History before, Draw draw, LoopMemory.Waiting held, Weighting live) {
    long began = clock.nanoTime();
    var forecasts = reviewer.forecasts(before, DrawContext.of(draw));
    Staged staged;
    if (held != null) {
      staged = new Staged(null, held.prediction(), reviewer.score(draw, held.prediction(), held.weights(), forecasts));
    } else {
      Forecast fused = IssueReviewer.fused(live, forecasts);
      staged = new Staged(fused, null, reviewer.score(draw, fused, Ticket.topOf(fused), live, forecasts));
    }
    Duration took = Duration.ofNanos(clock.nanoTime() - began);
    if (maxTimePerIssue.isPresent() && took.compareTo(maxTimePerIssue.get()) > 0) {
      throw new IllegalStateException("issue " + draw.issue() + " took " + took.toMillis() + " ms, over SSQ_MAX_SECONDS_PER_ISSUE ("
          + maxTimePerIssue.get().toSeconds() + " s)");
    }
    return staged;
  }

  /** {@code fused} is set for an issue predicted now, {@code held} for one predicted before its draw. */
  private record Staged(Forecast fused, Prediction held, DrawRecord record) {}

  /** Counts a failed attempt at {@code issue}: skips the issue once its attempts are spent, else fails the step. */
  private int failedAttempt(int issue, RuntimeException failure) throws InterruptedException {
    IssueAttempts.Verdict verdict = attempts.failed(issue, failure);
    if (verdict instanceof IssueAttempts.GiveUp giveUp) {
      store.skip(issue, giveUp.reason());
      LOG.warn("ssq-cycle skipped issue {}: {}", issue, giveUp.reason());
      return 0;
    }
    throw new IllegalStateException(((IssueAttempts.TryAgain) verdict).message(), failure);
  }
}
