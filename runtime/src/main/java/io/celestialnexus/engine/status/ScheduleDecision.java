package io.celestialnexus.engine.status;

/** How the runtime chose the pause after the last step (adaptive tasks scale it with the step's duration). */
public record ScheduleDecision(boolean adaptive, Long lastStepMillis, Long nextIntervalMillis) {

  public static ScheduleDecision none(boolean adaptive) {
    return new ScheduleDecision(adaptive, null, null);
  }
}
