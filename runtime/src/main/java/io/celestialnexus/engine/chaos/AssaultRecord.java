package io.celestialnexus.engine.chaos;

/**
 * One injected assault as {@code GET /api/chaos} shows it. Immutable; a new record replaces it on every change.
 *
 * @param remaining steps it will still act on (0 once spent or cleared)
 * @param lastFiredAt epoch ms when it last acted on a step, or null
 * @param outcome what happened the last time it acted (e.g. how long a hang lasted before its interrupt)
 */
public record AssaultRecord(
    long id,
    String task,
    Assault.Kind assault,
    int count,
    long latencyMillis,
    long requestedAt,
    int fired,
    int remaining,
    boolean cleared,
    Long lastFiredAt,
    String outcome) {

  public boolean pending() {
    return remaining > 0 && !cleared;
  }

  AssaultRecord firedAt(long at) {
    return new AssaultRecord(id, task, assault, count, latencyMillis, requestedAt, fired + 1, remaining - 1, cleared, at, outcome);
  }

  AssaultRecord withOutcome(String text) {
    return new AssaultRecord(id, task, assault, count, latencyMillis, requestedAt, fired, remaining, cleared, lastFiredAt, text);
  }

  AssaultRecord clearedNow() {
    return new AssaultRecord(id, task, assault, count, latencyMillis, requestedAt, fired, 0, true, lastFiredAt, outcome);
  }
}
