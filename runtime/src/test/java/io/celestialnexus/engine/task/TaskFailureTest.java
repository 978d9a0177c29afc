package io.celestialnexus.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.celestialnexus.engine.status.ErrorInfo;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TaskFailureTest {

  private static final Instant AT = Instant.parse("2026-11-22T00:00:00Z");

  @Test
  void aStepThatThrewIsShownAsWhatItThrewNotAsOurWrapper() {
    var threw = new TaskFailure.StepThrew("t", new java.io.IOException("disk full"), 1, AT);
    assertEquals(new ErrorInfo("java.io.IOException", "disk full", "exception", AT), TaskFailure.errorInfo(threw, AT));
  }

  @Test
  void theRuntimesOwnFailuresNameTheirKindAsTheReason() {
    var stalled = new TaskFailure.HeartbeatStalled("t", Duration.ofSeconds(3), 1, AT);
    ErrorInfo info = TaskFailure.errorInfo(stalled, AT);
    assertEquals("HeartbeatStalled", info.type());
    assertEquals("stalled", info.reason());
  }

  @Test
  void anyOtherFailureIsARuntimeError() {
    assertEquals(
        new ErrorInfo("IllegalStateException", "runner stopped", "runtime", AT),
        TaskFailure.errorInfo(new IllegalStateException("runner stopped"), AT));
  }
}
