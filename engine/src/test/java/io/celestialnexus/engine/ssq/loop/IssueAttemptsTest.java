package io.celestialnexus.engine.ssq.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class IssueAttemptsTest {

  private static final IllegalStateException BOOM = new IllegalStateException("no reading");

  @Test
  void anIssueIsGivenUpOnceItsAttemptsAreSpentAndTheReasonSaysWhy() {
    var attempts = new IssueAttempts(OptionalInt.of(3));

    var first = assertInstanceOf(IssueAttempts.TryAgain.class, attempts.failed(2024001, BOOM));
    assertEquals("issue 2024001 failed on attempt 1 of 3: no reading", first.message());
    assertInstanceOf(IssueAttempts.TryAgain.class, attempts.failed(2024001, BOOM));
    var last = assertInstanceOf(IssueAttempts.GiveUp.class, attempts.failed(2024001, BOOM));
    assertEquals("gave up after 3 failed attempt(s) (SSQ_MAX_ATTEMPTS_PER_ISSUE 3): no reading", last.reason());
    assertEquals(0, attempts.failures(2024001));
  }

  @Test
  void issuesCountApartAndASuccessForgetsTheFailures() {
    var attempts = new IssueAttempts(OptionalInt.of(2));
    attempts.failed(1, BOOM);
    attempts.failed(2, BOOM);
    attempts.succeeded(1);

    assertEquals(0, attempts.failures(1));
    assertInstanceOf(IssueAttempts.TryAgain.class, attempts.failed(1, BOOM));
    assertInstanceOf(IssueAttempts.GiveUp.class, attempts.failed(2, BOOM));
  }

  @Test
  void withoutALimitAnIssueIsNeverGivenUp() {
    var attempts = new IssueAttempts(OptionalInt.empty());
    for (int n = 1; n <= 50; n++) {
      var verdict = assertInstanceOf(IssueAttempts.TryAgain.class, attempts.failed(7, BOOM));
      assertEquals("issue 7 failed on attempt " + n + ": no reading", verdict.message());
    }
  }
}
