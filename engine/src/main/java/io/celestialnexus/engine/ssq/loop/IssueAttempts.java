package io.celestialnexus.engine.ssq.loop;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Failed attempts per issue ({@code SSQ_MAX_ATTEMPTS_PER_ISSUE}): each failure of an issue counts, and once its
 * attempts are spent the issue is to be skipped with the reason. Counts live as long as the loop's owner (a node
 * restart gives a failing issue its attempts again); an issue that succeeds is forgotten.
 */
final class IssueAttempts {

  private final OptionalInt allowed;
  private final Map<Integer, Integer> failures = new HashMap<>();

  IssueAttempts(OptionalInt allowed) {
    this.allowed = allowed;
  }

  /** What to do after a failed attempt at an issue. */
  sealed interface Verdict {}

  /** Attempts remain: fail the step with this message; the task retries it. */
  record TryAgain(String message) implements Verdict {}

  /** Attempts are spent: record the issue as skipped with this reason. */
  record GiveUp(String reason) implements Verdict {}

  Verdict failed(int issue, Throwable failure) {
    int made = failures.merge(issue, 1, Integer::sum);
    if (allowed.isPresent() && made >= allowed.getAsInt()) {
      failures.remove(issue);
      return new GiveUp(
          "gave up after " + made + " failed attempt(s) (SSQ_MAX_ATTEMPTS_PER_ISSUE " + allowed.getAsInt() + "): " + failure.getMessage());
    }
    return new TryAgain(
        "issue " + issue + " failed on attempt " + made + (allowed.isPresent() ? " of " + allowed.getAsInt() : "") + ": "
            + failure.getMessage());
  }

  void succeeded(int issue) {
    failures.remove(issue);
  }

  int failures(int issue) {
    return failures.getOrDefault(issue, 0);
  }
}
