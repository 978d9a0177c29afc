package io.celestialnexus.engine.ssq.loop;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.DrawContext;
import io.celestialnexus.engine.ssq.History;
import io.celestialnexus.engine.ssq.evaluation.DrawRecord;
import io.celestialnexus.engine.ssq.fusion.Weighting;
import io.celestialnexus.engine.ssq.state.IssueRecord;
import io.celestialnexus.engine.ssq.state.Prediction;
import io.celestialnexus.engine.ssq.state.WeightsVersion;
import io.celestialnexus.engine.ssq.tuning.TunerParams;
import io.celestialnexus.engine.support.EngineClock;
import io.celestialnexus.engine.task.TaskContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop's cache of the journal: a {@link LoopMemory} read from the three entities on first use and after
 * {@link #forget()} (any failed write may have left part of a batch stored, so the next use starts from what the
 * journal holds), and brought up to date when someone else (an operator's rollback) changed the live weights.
 * Loading re-scores every reviewed issue with its stored prediction, reporting progress as it goes.
 */
final class JournalCache {

  private static final Logger LOG = LoggerFactory.getLogger(JournalCache.class);
  private static final int PROGRESS_EVERY = 250;

  private final LoopStore store;
  private final IssueReviewer reviewer;
  private final TunerParams configuredTuner;
  private final EngineClock clock;
  private LoopMemory memory;

  JournalCache(LoopStore store, IssueReviewer reviewer, TunerParams configuredTuner, EngineClock clock) {
    this.store = store;
    this.reviewer = reviewer;
    this.configuredTuner = configuredTuner;
    this.clock = clock;
  }

  /** The memory as held, without asking the journal; empty before the first read and after {@link #forget()}. */
  Optional<LoopMemory> held() {
    return Optional.ofNullable(memory);
  }

  /** Drop what is held; the next {@link #current} reads the journal again. */
  void forget() {
    memory = null;
  }

  /** The memory, read from the journal when absent and brought up to date when the live weights moved under it. */
  LoopMemory current(TaskContext context) throws InterruptedException {
    if (memory == null) {
      memory = load(context);
      return memory;
    }
    WeightsVersion live = store.liveWeights();
    if (live.version() != memory.version()) {
      // a rollback through the API (or another writer): the policy it restored is in the stored versions
      memory.followed(ledger(store.weightsHistory()), live);
    }
    return memory;
  }

  private PolicyLedger ledger(List<WeightsVersion> versions) throws InterruptedException {
    return PolicyLedger.of(reviewer.names(), configuredTuner, versions, store.decisions());
  }

  private LoopMemory load(TaskContext context) throws InterruptedException {
    long started = clock.nanoTime();
    List<Draw> draws = store.draws();
    Map<Integer, IssueRecord> log = new HashMap<>();
    store.issueRecords().forEach(record -> log.put(record.issue(), record));
    List<WeightsVersion> versions = store.weightsHistory();
    LoopMemory loaded = new LoopMemory(reviewer.names(), ledger(versions), versions.get(versions.size() - 1));
    History history = History.of(draws);
    List<DrawRecord> records = new ArrayList<>();
    for (int t = 0; t < draws.size(); t++) {
      IssueRecord held = log.get(draws.get(t).issue());
      // a prediction whose draw came while the loop was down is still to be reviewed: not finished
      if (held == null || held.status() != IssueRecord.Status.REVIEWED) {
        continue;
      }
      Prediction prediction = held.prediction();
      records.add(
          reviewer.score(
              draws.get(t), prediction, weightsOf(versions, prediction), reviewer.forecasts(history.before(t), DrawContext.of(draws.get(t)))));
      if (records.size() % PROGRESS_EVERY == 0) {
        context.progress(Map.of("loading", records.size()));
      }
    }
    loaded.reviewed(records);
    for (IssueRecord held : log.values()) {
      if (held.status() == IssueRecord.Status.PREDICTED) {
        loaded.predicted(held.prediction(), weightsOf(versions, held.prediction()));
      } else if (held.status() == IssueRecord.Status.SKIPPED) {
        loaded.skipped(held.issue());
      }
    }
    LOG.info(
        "ssq loop loaded {} reviewed issue(s), {} awaiting their draw, weights v{}, in {} ms",
        records.size(), loaded.waitingCount(), loaded.version(), Duration.ofNanos(clock.nanoTime() - started).toMillis());
    return loaded;
  }

  private Weighting weightsOf(List<WeightsVersion> versions, Prediction prediction) {
    int number = prediction.weightsVersion();
    WeightsVersion used = number >= 0 && number < versions.size() ? versions.get(number) : WeightsVersion.initial();
    return PolicyLedger.weighting(reviewer.names(), used.weights());
  }
}
