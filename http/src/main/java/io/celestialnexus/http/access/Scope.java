package io.celestialnexus.http.access;

import java.util.Locale;
import java.util.Optional;

/** What an API key may do; each scope includes the ones before it. */
public enum Scope {
  /** Status, tasks, draws, predictions, evaluation, charts, metrics, the API description; phones with a key. */
  READ,
  /** Task run/pause/resume/restart, draws add/import, tuner and AutoRL runs. */
  OPERATE,
  /** Chaos, weights rollback, sending through phones, dead-letter replay, backups, the list of keys. */
  ADMIN;

  public boolean includes(Scope needed) {
    return compareTo(needed) >= 0;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Scope> named(String name) {
    for (Scope scope : values()) {
      if (scope.label().equals(name)) {
        return Optional.of(scope);
      }
    }
    return Optional.empty();
  }
}
