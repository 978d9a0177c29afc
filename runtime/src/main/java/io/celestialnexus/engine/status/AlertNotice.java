package io.celestialnexus.engine.status;

/**
 * An alert as it goes out to people: {@code FIRING} when the board raises it, {@code RESOLVED} when the condition
 * that raised it clears (a task stopped flapping, storage came back, heap fell). Alerts that mark an event rather than
 * a condition (a dead letter) are never resolved.
 */
public record AlertNotice(Status status, Alert alert) {

  public enum Status {
    FIRING,
    RESOLVED
  }

  /** What groups repeats of one alert: its kind and what it is about ({@code FLAPPING/ssq-cycle}). */
  public String key() {
    return key(alert.kind(), alert.task());
  }

  static String key(String kind, String subject) {
    return subject == null ? kind : kind + "/" + subject;
  }

  public boolean resolved() {
    return status == Status.RESOLVED;
  }
}
