package io.celestialnexus.engine.ssq.loop;

import io.celestialnexus.engine.NodePaths;
import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.DrawContext;
import io.celestialnexus.engine.ssq.DrawSchedule;
import io.celestialnexus.engine.ssq.Forecast;
import io.celestialnexus.engine.ssq.History;
import io.celestialnexus.engine.ssq.SsqSettings;
import io.celestialnexus.engine.ssq.Ticket;
import io.celestialnexus.engine.ssq.autorl.AutoRl;
import io.celestialnexus.engine.ssq.autorl.AutoRlDecision;
import io.celestialnexus.engine.ssq.autorl.CandidateEvidence;
import io.celestialnexus.engine.ssq.autorl.PolicyReplay;
import io.celestialnexus.engine.ssq.autorl.PromotionMethod;
import io.celestialnexus.engine.ssq.autorl.RollbackDecision;
import io.celestialnexus.engine.ssq.evaluation.DrawRecord;
import io.celestialnexus.engine.ssq.evaluation.EvaluationReport;
import io.celestialnexus.engine.ssq.fusion.Weighting;
import io.celestialnexus.engine.ssq.state.Decision;
import io.celestialnexus.engine.ssq.state.Evidence;
import io.celestialnexus.engine.ssq.state.IssueRecord;
import io.celestialnexus.engine.ssq.state.Prediction;
import io.celestialnexus.engine.ssq.state.PredictionLog;
import io.celestialnexus.engine.ssq.state.WeightsVersion;
import io.celestialnexus.engine.ssq.strategy.Strategy;
import io.celestialnexus.engine.ssq.tuning.WeightPolicy;
import io.celestialnexus.engine.task.TaskContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pcollections.PVector;
import org.pcollections.TreePVector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSQ closed loop that the {@code ssq-cycle}, {@code ssq-tuner} and {@code ssq-autorl} tasks step: predict →
 * review → tune → (AutoRL, rollback) → report → predict. Every piece of learned state lives in the entities; what
 * is held here (the reviewed records, the ledger of policies) is a cache rebuilt from them on the first step and
 * after any failure, so a restarted task, or node, carries on where the journal says it stood.
 *
 * <p>One step at a time: the three tasks share this object and their steps are serialised on it. Readers (API,
 * chat) never wait for a step: they use the {@link #view()} published after every change.
 */
public final class SsqLoop {

  public static final String CYCLE_TASK = "ssq-cycle";
  public static final String TUNER_TASK = "ssq-tuner";
  public static final String AUTORL_TASK = "ssq-autorl";

  private static final Logger LOG = LoggerFactory.getLogger(SsqLoop.class);
  /** Issues reviewed per journal write while catching up (a failing batch is retried one issue at a time). */
  static final int BATCH = 250;
  private static final int PROGRESS_EVERY = 250;

  private final IssueReviewer reviewer;
  private final SsqSettings settings;
  private final LoopReports reports;
  private final Clock clock;
  private final CompletableFuture<LoopStore> store = new CompletableFuture<>();
  private final Map<Integer, Integer> attempts = new HashMap<>();
  private final AtomicBoolean autoRlDemanded = new AtomicBoolean();
  private volatile LoopView view;

  // guarded by this
  private Memory memory;
  private long loops;
  private Duration lastDuration = Duration.ZERO;
  private Instant lastChartAt;
  private Instant lastAutoRlAt;

  public SsqLoop(List<Strategy> strategies, SsqSettings settings, NodePaths paths, Clock clock) {
    this.reviewer = new IssueReviewer(strategies);
    this.settings = settings;
    this.reports = new LoopReports(paths.reportsDir());
    this.clock = clock;
    List<String> names = reviewer.names();
    this.view = new LoopView(names, List.of(), WeightPolicy.uniform(names, settings.tuner()), Weighting.uniform(names), 0);
  }

  /** Gives the loop its storage once the entities run; steps before that fail (and are retried by their task). */
  public void attach(LoopStore loopStore) {
    store.complete(loopStore);
  }

  public LoopView view() {
    return view;
  }

  public SsqSettings settings() {
    return settings;
  }

  /** Every strategy with its description and live weight. */
  public List<PredictionService.StrategyView> strategies() {
    LoopView current = view;
    List<PredictionService.StrategyView> views = new ArrayList<>();
    reviewer.titles().forEach((name, title) -> views.add(new PredictionService.StrategyView(name, title, current.weights().weight(name))));
    return views;
  }

  /** The next AutoRL round runs even if the last one is younger than its minimum interval. */
  public void demandAutoRl() {
    autoRlDemanded.set(true);
  }

  /**
   * Reads everything back from the entities without writing anything and returns the view: what a command that
   * opens the storage directly (the service down) evaluates.
   */
  public synchronized LoopView reload() throws InterruptedException {
    memory = null;
    memory(TaskContext.detached("reload"), store());
    return view;
  }


  // ---------------------------------------------------------------------------------------------- ssq-cycle

  /** Reviews every drawn issue not yet reviewed (predicting those never predicted), then predicts the next issue. */
  public synchronized Map<String, Object> cycle(TaskContext context) throws InterruptedException {
    long started = System.nanoTime();
    LoopStore loopStore = store();
    memory(context, loopStore);
    List<Draw> draws = loopStore.draws();
    History history = History.of(draws);
    List<Integer> pending = new ArrayList<>();
    for (int t = 0; t < draws.size(); t++) {
      if (!memory.finished.contains(draws.get(t).issue())) {
        pending.add(t);
      }
    }
    int reviewed = 0;
    for (int i = 0; i < pending.size(); i += BATCH) {
      reviewed += reviewCarefully(context, loopStore, history, draws, pending.subList(i, Math.min(pending.size(), i + BATCH)));
      publish();
      context.progress(fields(pending.size() - Math.min(pending.size(), i + BATCH)));
    }
    memory(context, loopStore);
    predictNext(loopStore, history, draws);
    if (reviewed > 0) {
      judgeNewestPromotion(loopStore);
      writeReports();
    }
    publish();
    loops++;
    lastDuration = Duration.ofNanos(System.nanoTime() - started);
    if (reviewed > 0) {
      LOG.info("ssq-cycle reviewed {} issue(s) in {} ms; live weights v{}", reviewed, lastDuration.toMillis(), memory.version);
    }
    return fields(0);
  }

  /** One batch in one write; if that fails, each issue alone, so that only the issue at fault spends its attempts. */
  private int reviewCarefully(TaskContext context, LoopStore loopStore, History history, List<Draw> draws, List<Integer> batch)
      throws InterruptedException {
    try {
      return reviewBatch(context, loopStore, history, draws, batch);
    } catch (RuntimeException e) {
      memory = null; // the journal may hold part of the batch: start again from what it holds
      if (batch.size() > 1) {
        LOG.warn("reviewing {} issues from {} together failed ({}); retrying them one at a time", batch.size(),
            draws.get(batch.get(0)).issue(), e.toString());
        int reviewed = 0;
        for (Integer index : batch) {
          reviewed += reviewCarefully(context, loopStore, history, draws, List.of(index));
        }
        return reviewed;
      }
      return failedAttempt(loopStore, draws.get(batch.get(0)).issue(), e);
    }
  }

  private int reviewBatch(TaskContext context, LoopStore loopStore, History history, List<Draw> draws, List<Integer> batch)
      throws InterruptedException {
    Memory m = memory(context, loopStore);
    WeightPolicy policy = m.policy();
    PVector<DrawRecord> records = m.records;
    Weighting weights = m.weights;
    List<Staged> staged = new ArrayList<>();
    List<Map<String, Double>> tuned = new ArrayList<>();
    for (int index : batch) {
      Draw draw = draws.get(index);
      if (m.finished.contains(draw.issue())) {
        continue;
      }
      if (Thread.interrupted()) {
        throw new InterruptedException("ssq-cycle step abandoned");
      }
      long began = System.nanoTime();
      Map<String, Forecast> forecasts = reviewer.forecasts(history.before(index), DrawContext.of(draw));
      Prediction held = m.predicted.get(draw.issue());
      Forecast fused = held != null ? IssueReviewer.forecastOf(held) : IssueReviewer.fused(weights, forecasts);
      Weighting used = held != null ? m.predictedWeights.getOrDefault(draw.issue(), weights) : weights;
      DrawRecord record =
          held != null ? reviewer.score(draw, held, used, forecasts) : reviewer.score(draw, fused, Ticket.topOf(fused), used, forecasts);
      Duration took = Duration.ofNanos(System.nanoTime() - began);
      Optional<Duration> limit = settings.cycle().maxTimePerIssue();
      if (limit.isPresent() && took.compareTo(limit.get()) > 0) {
        throw new IllegalStateException("issue " + draw.issue() + " took " + took.toMillis() + " ms, over SSQ_MAX_SECONDS_PER_ISSUE ("
            + limit.get().toSeconds() + " s)");
      }
      staged.add(new Staged(draw, fused, held, record));
      records = records.plus(record);
      weights = reviewer.tune(policy, records);
      tuned.add(weights.weights());
    }
    if (staged.isEmpty()) {
      return 0;
    }
    WeightsVersion last = loopStore.tuneInOrder(tuned, parameters(policy, records.size()));
    int firstNew = last.version() - tuned.size() + 1;
    List<PredictionLog.Outcome> outcomes = new ArrayList<>(staged.size());
    for (int k = 0; k < staged.size(); k++) {
      Staged each = staged.get(k);
      Prediction prediction =
          each.held() != null
              ? each.held()
              : IssueReviewer.prediction(each.draw().issue(), each.fused(), 0, k == 0 ? m.version : firstNew + k - 1);
      outcomes.add(new PredictionLog.Outcome(prediction, IssueReviewer.review(each.record())));
    }
    loopStore.recordOutcomes(outcomes);
    m.records = records;
    m.weights = weights;
    m.version = last.version();
    for (Staged each : staged) {
      m.finished.add(each.draw().issue());
      m.predicted.remove(each.draw().issue());
      attempts.remove(each.draw().issue());
    }
    return staged.size();
  }

  private record Staged(Draw draw, Forecast fused, Prediction held, DrawRecord record) {}

  /** Counts a failed attempt at {@code issue}: skips the issue once its attempts are spent, else fails the step. */
  private int failedAttempt(LoopStore loopStore, int issue, RuntimeException failure) throws InterruptedException {
    int made = attempts.merge(issue, 1, Integer::sum);
    OptionalInt allowed = settings.cycle().maxAttemptsPerIssue();
    if (allowed.isPresent() && made >= allowed.getAsInt()) {
      String reason = "gave up after " + made + " failed attempt(s) (SSQ_MAX_ATTEMPTS_PER_ISSUE " + allowed.getAsInt() + "): "
          + failure.getMessage();
      loopStore.skip(issue, reason);
      attempts.remove(issue);
      LOG.warn("ssq-cycle skipped issue {}: {}", issue, reason);
      return 0;
    }
    throw new IllegalStateException(
        "issue " + issue + " failed on attempt " + made + (allowed.isPresent() ? " of " + allowed.getAsInt() : "") + ": "
            + failure.getMessage(),
        failure);
  }

  /** Records the prediction for the issue after the newest draw, before that draw is known. */
  private void predictNext(LoopStore loopStore, History history, List<Draw> draws) throws InterruptedException {
    if (draws.isEmpty()) {
      return;
    }
    DrawContext target = DrawSchedule.after(draws.get(draws.size() - 1));
    if (memory.predicted.containsKey(target.issue()) || memory.finished.contains(target.issue())) {
      return;
    }
    Forecast fused = IssueReviewer.fused(memory.weights, reviewer.forecasts(history, target));
    IssueRecord stored = loopStore.recordPrediction(IssueReviewer.prediction(target.issue(), fused, 0, memory.version));
    memory.predicted.put(target.issue(), stored.prediction());
    memory.predictedWeights.put(target.issue(), memory.weights);
    LOG.info("ssq-cycle predicted issue {} with weights v{}", target.issue(), memory.version);
  }

  private void writeReports() {
    LoopView current = currentView();
    try {
      Optional<EvaluationReport> report = current.evaluation(0, settings.confidence());
      if (report.isPresent()) {
        reports.writeEvaluation(report.get());
      }
      Instant now = clock.instant();
      if ((lastChartAt == null || !now.isBefore(lastChartAt.plus(settings.chartsMinInterval()))) && reports.writeCharts(current)) {
        lastChartAt = now;
      }
    } catch (IOException e) {
      // the journal holds the truth; a report that cannot be written now is written after the next review
      LOG.warn("could not write the evaluation report or charts under reports/: {}", e.toString());
    }
  }

  // ---------------------------------------------------------------------------------------------- rollback

  /**
   * Judges the newest promotion once {@code rollback.draws} draws have been reviewed after it: replayed on the same
   * draws, if the promoted policy's mean log-loss exceeds the replaced policy's by more than the margin, the
   * weights and policy of the version before it are restored.
   */
  private void judgeNewestPromotion(LoopStore loopStore) throws InterruptedException {
    Memory m = memory;
    int promotedVersion = m.ledger.lastChange();
    if (promotedVersion == 0 || m.judged.contains(promotedVersion)) {
      return;
    }
    Optional<Decision> promotion =
        loopStore.decisions().stream().filter(d -> d.promoted() && d.version() == promotedVersion).findFirst();
    if (promotion.isEmpty()) {
      m.judged.add(promotedVersion); // the newest change is a rollback: nothing to judge
      return;
    }
    int afterIssue = Integer.parseInt(promotion.get().evidence().details().getOrDefault(AFTER_ISSUE, "0"));
    int from = 0;
    while (from < m.records.size() && m.records.get(from).draw().issue() <= afterIssue) {
      from++;
    }
    LoopView current = currentView();
    WeightPolicy previous = m.ledger.at(promotedVersion - 1);
    RollbackDecision decision =
        settings
            .autorl()
            .rollback()
            .decide(
                PolicyReplay.losses(current.trace(), m.ledger.at(promotedVersion), from),
                PolicyReplay.losses(current.trace(), previous, from));
    if (decision instanceof RollbackDecision.Keep keep) {
      m.judged.add(promotedVersion);
      LOG.info("promotion v{} holds after {} draws: mean log-loss {} vs {} before", promotedVersion, keep.draws(),
          format(keep.promotedMeanLoss()), format(keep.previousMeanLoss()));
    } else if (decision instanceof RollbackDecision.RollBack back) {
      String reason =
          String.format(Locale.ROOT, "automatic: over the %d draws after it, the promoted policy's mean log-loss %.4f exceeded the"
              + " replaced policy's %.4f by more than %.4f", back.draws(), back.promotedMeanLoss(), back.previousMeanLoss(), back.margin());
      WeightsVersion restored = loopStore.rollBack(promotedVersion - 1, reason);
      m.ledger.rolledBack(restored.version(), promotedVersion - 1);
      m.weights = PolicyLedger.weighting(reviewer.names(), restored.weights());
      m.version = restored.version();
      m.judged.add(promotedVersion);
      LOG.warn("rolled back promotion v{} as v{}: {}", promotedVersion, restored.version(), reason);
    }
  }

  // ---------------------------------------------------------------------------------------------- ssq-tuner

  /** One tuner step on the live policy over the reviewed draws, stored as a new weights version. */
  public synchronized Map<String, Object> tune(TaskContext context) throws InterruptedException {
    LoopStore loopStore = store();
    Memory m = memory(context, loopStore);
    Weighting tuned = reviewer.tune(m.policy(), m.records);
    WeightsVersion stored = loopStore.tune(tuned.weights(), parameters(m.policy(), m.records.size()));
    m.weights = tuned;
    m.version = stored.version();
    publish();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("weightsVersion", stored.version());
    fields.put("draws", m.records.size());
    return fields;
  }

  // ---------------------------------------------------------------------------------------------- ssq-autorl

  static final String AFTER_ISSUE = "after-issue";

  /**
   * One AutoRL round (unless the last decision is younger than {@code min-interval-hours} and none was demanded):
   * every candidate replayed against the live policy on the recent draws, the gate applied, the decision stored with
   * its evidence, and a passing candidate applied by the configured method (then tuned at once).
   */
  public synchronized Map<String, Object> autoRl(TaskContext context) throws InterruptedException {
    LoopStore loopStore = store();
    Memory m = memory(context, loopStore);
    Instant now = clock.instant();
    boolean demanded = autoRlDemanded.getAndSet(false);
    Instant last = loopStore.newestDecision().map(Decision::at).orElse(null);
    Map<String, Object> fields = new LinkedHashMap<>();
    if (!demanded && last != null && now.isBefore(last.plus(settings.autorl().minInterval()))) {
      fields.put("nextRoundAt", last.plus(settings.autorl().minInterval()).toString());
      fields.put("lastRoundAt", last.toString());
      return fields;
    }
    LoopView current = currentView();
    int lastIssue = m.records.isEmpty() ? 0 : m.records.get(m.records.size() - 1).draw().issue();
    AutoRlDecision decision = AutoRl.run(current.trace(), m.policy(), settings.autorl(), lastIssue);
    String outcome;
    if (decision.verdict() instanceof AutoRlDecision.Verdict.Promote promote) {
      outcome = applyPromotion(loopStore, m, promote, decision, now);
    } else if (decision.verdict() instanceof AutoRlDecision.Verdict.RecordOnly recordOnly) {
      loopStore.reject(
          evidence(recordOnly.chosen(), recordOnly.method(), recordOnly.wouldBe(), decision, m.version),
          "promotion is off (AUTORL_PROMOTE=0): " + recordOnly.chosen().reason());
      outcome = "recorded " + recordOnly.chosen().label() + " without applying it (AUTORL_PROMOTE=0)";
    } else {
      String reason = ((AutoRlDecision.Verdict.Reject) decision.verdict()).reason();
      Optional<CandidateEvidence> best = decision.candidates().stream().max(Comparator.comparingDouble(CandidateEvidence::lowerBound));
      Evidence evidence =
          best.map(chosen -> evidence(chosen, settings.autorl().method(), chosen.policy(), decision, m.version))
              .orElseGet(
                  () -> new Evidence("none", Map.of(), 0, 0, decision.draws(), settings.autorl().method().key(),
                      Map.of(AFTER_ISSUE, Integer.toString(lastIssue))));
      loopStore.reject(evidence, reason);
      outcome = "rejected: " + reason;
    }
    lastAutoRlAt = now;
    publish();
    LOG.info("AutoRL round over {} draws: {}", decision.draws(), outcome);
    fields.put("decision", outcome);
    fields.put("draws", decision.draws());
    fields.put("weightsVersion", m.version);
    return fields;
  }

  /** Stores the promotion with its evidence, makes its policy live and tunes it at once. */
  private String applyPromotion(LoopStore loopStore, Memory m, AutoRlDecision.Verdict.Promote promote, AutoRlDecision decision, Instant now)
      throws InterruptedException {
    Evidence evidence = evidence(promote.chosen(), promote.method(), promote.newPolicy(), decision, m.version);
    WeightsVersion promoted = loopStore.promote(promote.newPolicy().prior().weights(), evidence);
    m.ledger.promoted(promoted.version(), promoted.weights(), new Decision(true, promoted.version(), evidence, "promoted", now));
    m.version = promoted.version();
    Weighting tuned = reviewer.tune(m.policy(), m.records);
    WeightsVersion stored = loopStore.tune(tuned.weights(), parameters(m.policy(), m.records.size()));
    m.weights = tuned;
    m.version = stored.version();
    return "promoted " + promote.chosen().label() + " by " + promote.method().key() + " as v" + promoted.version();
  }

  private static Evidence evidence(
      CandidateEvidence chosen, PromotionMethod method, WeightPolicy applied, AutoRlDecision decision, int liveVersion) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put(PolicyLedger.LEARNING_RATE, Double.toString(applied.tuner().learningRate()));
    details.put(PolicyLedger.WINDOW, Integer.toString(applied.tuner().window()));
    details.put(AFTER_ISSUE, Integer.toString(decision.lastIssue()));
    details.put("live-version", Integer.toString(liveVersion));
    details.put("live-mean-loss", format(chosen.liveMeanLoss()));
    details.put("candidate-mean-loss", format(chosen.candidateMeanLoss()));
    details.put("gain-sd", format(chosen.gainStdDev()));
    details.put("bound-confidence", format(chosen.boundConfidence()));
    details.put("candidates", Integer.toString(decision.candidates().size()));
    details.put("gate", chosen.reason());
    return new Evidence(
        chosen.label(), applied.prior().weights(), chosen.meanGain(), chosen.lowerBound(), chosen.draws(), method.key(), details);
  }

  // ---------------------------------------------------------------------------------------------- memory

  /** The cached state, loaded from the entities when absent and re-read when someone else changed the weights. */
  private Memory memory(TaskContext context, LoopStore loopStore) throws InterruptedException {
    if (memory == null) {
      memory = load(context, loopStore);
      publish();
      return memory;
    }
    WeightsVersion live = loopStore.liveWeights();
    if (live.version() != memory.version) {
      // a rollback through the API (or another writer): the policy it restored is in the stored versions
      memory.ledger = PolicyLedger.of(reviewer.names(), settings.tuner(), loopStore.weightsHistory(), loopStore.decisions());
      memory.weights = PolicyLedger.weighting(reviewer.names(), live.weights());
      memory.version = live.version();
      publish();
    }
    return memory;
  }

  private Memory load(TaskContext context, LoopStore loopStore) throws InterruptedException {
    long started = System.nanoTime();
    List<Draw> draws = loopStore.draws();
    Map<Integer, IssueRecord> log = new HashMap<>();
    loopStore.issueRecords().forEach(record -> log.put(record.issue(), record));
    List<WeightsVersion> versions = loopStore.weightsHistory();
    PolicyLedger ledger = PolicyLedger.of(reviewer.names(), settings.tuner(), versions, loopStore.decisions());
    WeightsVersion live = versions.get(versions.size() - 1);
    Memory m = new Memory(ledger, PolicyLedger.weighting(reviewer.names(), live.weights()), live.version());
    History history = History.of(draws);
    List<DrawRecord> records = new ArrayList<>();
    for (int t = 0; t < draws.size(); t++) {
      IssueRecord held = log.get(draws.get(t).issue());
      // a prediction whose draw came while the loop was down is still to be reviewed: not finished
      if (held == null || held.status() != IssueRecord.Status.REVIEWED) {
        continue;
      }
      Prediction prediction = held.prediction();
      Weighting used = PolicyLedger.weighting(reviewer.names(), version(versions, prediction.weightsVersion()).weights());
      records.add(reviewer.score(draws.get(t), prediction, used, reviewer.forecasts(history.before(t), DrawContext.of(draws.get(t)))));
      if (records.size() % PROGRESS_EVERY == 0) {
        context.progress(Map.of("loading", records.size()));
      }
      m.finished.add(held.issue());
    }
    for (IssueRecord held : log.values()) {
      if (held.status() == IssueRecord.Status.PREDICTED) {
        m.predicted.put(held.issue(), held.prediction());
        m.predictedWeights.put(
            held.issue(), PolicyLedger.weighting(reviewer.names(), version(versions, held.prediction().weightsVersion()).weights()));
      } else if (held.status() == IssueRecord.Status.SKIPPED) {
        m.finished.add(held.issue());
      }
    }
    m.records = TreePVector.from(records);
    LOG.info("ssq loop loaded {} reviewed issue(s), {} awaiting their draw, weights v{}, in {} ms", records.size(), m.predicted.size(),
        m.version, Duration.ofNanos(System.nanoTime() - started).toMillis());
    return m;
  }

  private static WeightsVersion version(List<WeightsVersion> versions, int number) {
    return number >= 0 && number < versions.size() ? versions.get(number) : WeightsVersion.initial();
  }

  private LoopStore store() {
    LoopStore attached = store.getNow(null);
    if (attached == null) {
      throw new PredictionService.LoopNotReady("the prediction loop's storage is not attached yet");
    }
    return attached;
  }

  private LoopView currentView() {
    Memory m = memory;
    return new LoopView(reviewer.names(), m.records, m.policy(), m.weights, m.version);
  }

  private void publish() {
    if (memory != null) {
      view = currentView();
    }
  }

  private static Map<String, Double> parameters(WeightPolicy policy, int draws) {
    Map<String, Double> parameters = new LinkedHashMap<>();
    parameters.put(PolicyLedger.LEARNING_RATE, policy.tuner().learningRate());
    parameters.put(PolicyLedger.WINDOW, (double) policy.tuner().window());
    parameters.put("draws", (double) draws);
    return parameters;
  }

  private Map<String, Object> fields(int pending) {
    Map<String, Object> fields = new LinkedHashMap<>();
    Memory m = memory;
    if (m != null && !m.records.isEmpty()) {
      fields.put("issue", m.records.get(m.records.size() - 1).draw().issue());
    }
    fields.put("loops", loops);
    fields.put("lastDurationMs", lastDuration.toMillis());
    fields.put("nextIntervalSeconds", settings.cycle().interval().toSeconds());
    fields.put("pending", pending);
    if (m != null) {
      fields.put("reviewed", m.records.size());
      fields.put("weightsVersion", m.version);
    }
    fields.put("lastAutoRlAt", lastAutoRlAt == null ? "never" : lastAutoRlAt.toString());
    fields.put("lastChartAt", lastChartAt == null ? "never" : lastChartAt.toString());
    return fields;
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.6f", value);
  }

  /** The loop's cache of the journal. */
  private static final class Memory {
    PolicyLedger ledger;
    Weighting weights;
    int version;
    PVector<DrawRecord> records = TreePVector.empty();
    final Set<Integer> finished = new HashSet<>();
    final Map<Integer, Prediction> predicted = new HashMap<>();
    final Map<Integer, Weighting> predictedWeights = new HashMap<>();
    final Set<Integer> judged = new HashSet<>();

    Memory(PolicyLedger ledger, Weighting weights, int version) {
      this.ledger = ledger;
      this.weights = weights;
      this.version = version;
    }

    WeightPolicy policy() {
      return ledger.at(version);
    }
  }
}
