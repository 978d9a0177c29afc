package io.celestialnexus.engine.ssq.autorl;

import io.celestialnexus.engine.ssq.evaluation.Intervals;
import io.celestialnexus.engine.ssq.evaluation.WalkForwardTrace;
import io.celestialnexus.engine.ssq.tuning.WeightPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.hipparchus.stat.descriptive.StreamingStatistics;

/**
 * One AutoRL round, as a pure function of a walk-forward trace, the live policy and the settings. Each
 * candidate is replayed walk-forward over the most recent {@code evaluation-draws} draws beside the live
 * policy, and the per-draw gain (live log-loss minus candidate log-loss) is tested. The gate: mean gain ≥
 * {@code promote-min-delta} and the one-sided lower confidence bound of the gain ≥ {@code promote-lb-delta},
 * the bound taken at {@code 1 - (1 - confidence) / candidates} so that trying many candidates does not make a
 * lucky one look good. Of the candidates that pass, the one with the highest bound is chosen.
 */
public final class AutoRl {

  /** Fewer draws than this give no meaningful bound: the round rejects. */
  static final int MIN_DRAWS = 30;

  private AutoRl() {}

  /** @param seed drives the random candidates (the newest issue is a good one: a round is then reproducible) */
  public static AutoRlDecision run(WalkForwardTrace trace, WeightPolicy live, AutoRlSettings settings, long seed) {
    int size = trace.records().size();
    int draws = Math.min(settings.evaluationDraws(), size);
    int lastIssue = size == 0 ? 0 : trace.records().get(size - 1).draw().issue();
    if (draws < MIN_DRAWS) {
      return new AutoRlDecision(
          lastIssue, draws, live, List.of(), new AutoRlDecision.Verdict.Reject("only " + draws + " draws to evaluate on; need " + MIN_DRAWS));
    }
    List<Candidate> candidates = CandidateProposer.propose(live, settings.randomCandidates(), seed);
    double level = 1 - (1 - settings.confidence()) / candidates.size();
    int from = size - draws;
    double[] liveLosses = PolicyReplay.losses(trace, live, from);
    List<CandidateEvidence> evidence = new ArrayList<>();
    for (Candidate candidate : candidates) {
      evidence.add(evidence(candidate, liveLosses, PolicyReplay.losses(trace, candidate.policy(), from), level, settings));
    }
    AutoRlDecision.Verdict verdict =
        evidence.stream()
            .filter(CandidateEvidence::passed)
            .max(Comparator.comparingDouble(CandidateEvidence::lowerBound))
            .<AutoRlDecision.Verdict>map(chosen -> choose(chosen, live, settings))
            .orElseGet(() -> new AutoRlDecision.Verdict.Reject("none of " + candidates.size() + " candidates passed the gate"));
    return new AutoRlDecision(lastIssue, draws, live, evidence, verdict);
  }

  private static AutoRlDecision.Verdict choose(CandidateEvidence chosen, WeightPolicy live, AutoRlSettings settings) {
    WeightPolicy next = Promotion.apply(settings.method(), live, chosen.policy(), settings);
    return settings.apply()
        ? new AutoRlDecision.Verdict.Promote(chosen, settings.method(), next)
        : new AutoRlDecision.Verdict.RecordOnly(chosen, settings.method(), next);
  }

  private static CandidateEvidence evidence(
      Candidate candidate, double[] liveLosses, double[] candidateLosses, double level, AutoRlSettings settings) {
    StreamingStatistics gain = new StreamingStatistics();
    StreamingStatistics liveStats = new StreamingStatistics();
    StreamingStatistics candidateStats = new StreamingStatistics();
    for (int i = 0; i < liveLosses.length; i++) {
      gain.addValue(liveLosses[i] - candidateLosses[i]);
      liveStats.addValue(liveLosses[i]);
      candidateStats.addValue(candidateLosses[i]);
    }
    double mean = gain.getMean();
    double bound = Intervals.lowerBound(gain, level);
    boolean meanOk = mean >= settings.minDelta();
    boolean boundOk = bound >= settings.lowerBoundDelta();
    String reason =
        meanOk && boundOk
            ? String.format(Locale.ROOT, "passed: mean gain %.4f >= %.4f and lower bound %.4f >= %.4f", mean, settings.minDelta(), bound,
                settings.lowerBoundDelta())
            : !meanOk
                ? String.format(Locale.ROOT, "mean gain %.4f below %.4f", mean, settings.minDelta())
                : String.format(Locale.ROOT, "lower bound %.4f below %.4f", bound, settings.lowerBoundDelta());
    return new CandidateEvidence(
        candidate.label(),
        candidate.policy(),
        liveLosses.length,
        liveStats.getMean(),
        candidateStats.getMean(),
        mean,
        gain.getStandardDeviation(),
        bound,
        level,
        meanOk && boundOk,
        reason);
  }
}
