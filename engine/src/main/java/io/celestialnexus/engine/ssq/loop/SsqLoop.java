package io.celestialnexus.engine.ssq.loop;

import io.celestialnexus.engine.NodePaths;
import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.History;
import io.celestialnexus.engine.ssq.SsqSettings;
import io.celestialnexus.engine.ssq.fusion.Weighting;
import io.celestialnexus.engine.ssq.state.WeightsVersion;
import io.celestialnexus.engine.ssq.strategy.Strategy;
import io.celestialnexus.engine.ssq.tuning.WeightPolicy;
import io.celestialnexus.engine.support.EngineClock;
import io.celestialnexus.engine.task.TaskContext;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSQ closed loop, one job at a time: {@link #cycle} (catch up on drawn issues, judge the newest promotion,
 * write the reports, predict the next issue), {@link #tune} (one tuner step) and {@link #autoRl} (one AutoRL round).
 * Every piece of learned state lives in the entities; the loop holds a {@link JournalCache} of them, dropped after
 * any failure so that the next job starts from what the journal holds.
 *
 * <p>Not thread-safe, by design: it has one caller at a time. In a node that is the {@link LoopOwner} actor, which
 * the three tasks message; a command that opens the storage directly calls it from its own thread. Each change
 * is published as an immutable {@link LoopView} to the {@code publish} callback.
 */
public final class SsqLoop {

  public static final String CYCLE_TASK = "ssq-cycle";
  public static final String TUNER_TASK = "ssq-tuner";
  public static final String AUTORL_TASK = "ssq-autorl";

  private static final Logger LOG = LoggerFactory.getLogger(SsqLoop.class);
  /** Issues reviewed per journal write while catching up (a failing batch is retried one issue at a time). */
  static final int BATCH = 250;

  private final SsqSettings settings;
  private final LoopStore store;
  private final IssueReviewer reviewer;
  private final JournalCache cache;
  private final CatchUp catchUp;
  private final NextIssue nextIssue;
  private final RollbackJudge judge;
  private final AutoRlRound autoRlRound;
  private final LoopReports reports;
  private final EngineClock clock;
  private final Consumer<LoopView> publish;
  private LoopView view;
  private long loops;
  private Duration lastDuration = Duration.ZERO;
  private Instant lastAutoRlAt;

  public SsqLoop(
      List<Strategy> strategies, SsqSettings settings, NodePaths paths, LoopStore store, EngineClock clock, Consumer<LoopView> publish) {
    this.settings = settings;
    this.store = store;
    this.reviewer = new IssueReviewer(strategies);
    this.clock = clock;
    this.publish = publish;
    this.cache = new JournalCache(store, reviewer, settings.tuner(), clock);
    this.catchUp =
        new CatchUp(store, cache, reviewer, new IssueAttempts(settings.cycle().maxAttemptsPerIssue()),
            settings.cycle().maxTimePerIssue(), BATCH, clock);
    this.nextIssue = new NextIssue(store, reviewer);
    this.judge = new RollbackJudge(store, settings.autorl().rollback());
    this.autoRlRound = new AutoRlRound(store, reviewer, settings.autorl(), clock);
    this.reports = new LoopReports(paths.reportsDir(), settings.confidence(), settings.chartsMinInterval(), clock);
    this.view = initialView(reviewer.names(), settings);
  }

  /** What a loop shows before it has read anything: even weights, nothing reviewed. */
  static LoopView initialView(List<String> strategies, SsqSettings settings) {
    return new LoopView(strategies, List.of(), WeightPolicy.uniform(strategies, settings.tuner()), Weighting.uniform(strategies), 0);
  }

  /** The newest published view. */
  public LoopView view() {
    return view;
  }

  /** Reads everything back from the entities without writing anything: what a command on the stopped node evaluates. */
  public LoopView reload(TaskContext context) throws InterruptedException {
    cache.forget();
    return guarded(() -> {
      cache.current(context);
      publish();
      return view;
    });
  }

  /** Reviews every drawn issue not yet reviewed (predicting those never predicted), then predicts the next issue. */
  public Map<String, Object> cycle(TaskContext context) throws InterruptedException {
    return guarded(() -> {
      long started = clock.nanoTime();
      List<Draw> draws = store.draws();
      History history = History.of(draws);
      cache.current(context);
      publish();
      int reviewed =
          catchUp.run(context, draws, history, remaining -> {
            publish();
            context.progress(fields(remaining));
          });
      LoopMemory memory = cache.current(context);
      nextIssue.predict(memory, draws, history)
          .ifPresent(stored -> LOG.info("ssq-cycle predicted issue {} with weights v{}", stored.issue(), stored.prediction().weightsVersion()));
      if (reviewed > 0) {
        judge.judge(memory);
        reports.afterReview(memory.view());
      }
      publish();
      loops++;
      lastDuration = Duration.ofNanos(clock.nanoTime() - started);
      if (reviewed > 0) {
        LOG.info("ssq-cycle reviewed {} issue(s) in {} ms; live weights v{}", reviewed, lastDuration.toMillis(), memory.version());
      }
      return fields(0);
    });
  }

  /** One tuner step on the live policy over the reviewed draws, stored as a new weights version. */
  public Map<String, Object> tune(TaskContext context) throws InterruptedException {
    return guarded(() -> {
      LoopMemory memory = cache.current(context);
      Weighting tuned = reviewer.tune(memory.policy(), memory.records());
      WeightsVersion stored = store.tune(tuned.weights(), parameters(memory.policy(), memory.records().size()));
      memory.live(tuned, stored.version());
      publish();
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("weightsVersion", stored.version());
      fields.put("draws", memory.records().size());
      return fields;
    });
  }

  /** One AutoRL round when due, or now if {@code demanded}; see {@link AutoRlRound}. */
  public Map<String, Object> autoRl(TaskContext context, boolean demanded) throws InterruptedException {
    return guarded(() -> {
      LoopMemory memory = cache.current(context);
      AutoRlRound.Outcome outcome = autoRlRound.run(memory, demanded);
      Map<String, Object> fields = new LinkedHashMap<>();
      if (outcome instanceof AutoRlRound.NotDue notDue) {
        fields.put("nextRoundAt", notDue.nextRoundAt().toString());
        fields.put("lastRoundAt", notDue.lastRoundAt().toString());
        return fields;
      }
      AutoRlRound.Ran ran = (AutoRlRound.Ran) outcome;
      lastAutoRlAt = ran.at();
      publish();
      fields.put("decision", ran.summary());
      fields.put("draws", ran.draws());
      fields.put("weightsVersion", memory.version());
      return fields;
    });
  }

  @FunctionalInterface
  private interface Job<T> {
    T run() throws InterruptedException;
  }

  /** Runs a job; if it fails, what the cache holds may be ahead of or behind the journal, so it is dropped. */
  private <T> T guarded(Job<T> job) throws InterruptedException {
    try {
      return job.run();
    } catch (RuntimeException | InterruptedException e) {
      cache.forget();
      throw e;
    }
  }

  private void publish() {
    cache.held().ifPresent(memory -> {
      view = memory.view();
      publish.accept(view);
    });
  }

  /** The tuner's parameters and the number of draws it saw, as stored with each tuned version. */
  static Map<String, Double> parameters(WeightPolicy policy, int draws) {
    Map<String, Double> parameters = new LinkedHashMap<>();
    parameters.put("learning-rate", policy.tuner().learningRate());
    parameters.put("window", (double) policy.tuner().window());
    parameters.put("draws", (double) draws);
    return parameters;
  }

  private Map<String, Object> fields(int pending) {
    Map<String, Object> fields = new LinkedHashMap<>();
    LoopView current = view;
    if (!current.records().isEmpty()) {
      fields.put("issue", current.records().get(current.records().size() - 1).draw().issue());
    }
    fields.put("loops", loops);
    fields.put("lastDurationMs", lastDuration.toMillis());
    fields.put("nextIntervalSeconds", settings.cycle().interval().toSeconds());
    fields.put("pending", pending);
    if (cache.held().isPresent()) {
      fields.put("reviewed", current.records().size());
      fields.put("weightsVersion", current.version());
    }
    fields.put("lastAutoRlAt", lastAutoRlAt == null ? "never" : lastAutoRlAt.toString());
    fields.put("lastChartAt", reports.lastChartAt().map(Instant::toString).orElse("never"));
    return fields;
  }
}
