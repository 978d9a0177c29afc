package io.celestialnexus.engine.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthTest {

  private static TaskStatus task(TaskState state) {
    return new TaskStatus(
        "t-" + state, state, Instant.EPOCH, true, null, null, Map.of(), 0, 0, null, null, ScheduleDecision.none(false), 0);
  }

  private static final ComponentStatus STORAGE_UP = new ComponentStatus("storage", true, "ok", Instant.EPOCH);

  @Test
  void passWhenEveryTaskRunsOrIsPaused() {
    assertEquals(Health.PASS, Health.of(List.of(task(TaskState.RUNNING), task(TaskState.PAUSED)), List.of(STORAGE_UP)));
  }

  @Test
  void warnWhileATaskIsInBackoffOrStalled() {
    assertEquals(Health.WARN, Health.of(List.of(task(TaskState.RUNNING), task(TaskState.BACKOFF)), List.of()));
    assertEquals(Health.WARN, Health.of(List.of(task(TaskState.STALLED)), List.of()));
  }

  @Test
  void failWhenATaskFlapsOrStorageIsDown() {
    assertEquals(Health.FAIL, Health.of(List.of(task(TaskState.RUNNING), task(TaskState.FLAPPING)), List.of()));
    assertEquals(
        Health.FAIL,
        Health.of(List.of(task(TaskState.RUNNING)), List.of(new ComponentStatus("storage", false, "gone", Instant.EPOCH))));
  }

  @Test
  void exitCodesAreThoseOfNexusCheck() {
    assertEquals(0, Health.PASS.exitCode());
    assertEquals(1, Health.WARN.exitCode());
    assertEquals(2, Health.FAIL.exitCode());
  }
}
