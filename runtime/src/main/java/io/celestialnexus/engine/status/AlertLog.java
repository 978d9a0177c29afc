package io.celestialnexus.engine.status;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The newest {@code maxEntries} alerts, held by the status board (not thread-safe). The log does no IO itself:
 * {@link #read} (blocking) brings back what {@code alerts.json} kept, run off the actor's thread, and
 * {@link #restore} puts it before whatever was raised meanwhile.
 */
final class AlertLog {

  private static final Logger LOG = LoggerFactory.getLogger(AlertLog.class);
  private static final TypeReference<List<Alert>> ALERT_LIST = new TypeReference<>() {};

  private final int maxEntries;
  private final Deque<Alert> alerts = new ArrayDeque<>();

  AlertLog(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /** Adds an alert, dropping the oldest beyond the bound. */
  void append(Alert alert) {
    alerts.addLast(alert);
    trim();
  }

  /** Puts alerts kept from before (oldest first) ahead of those raised since, dropping the oldest beyond the bound. */
  void restore(List<Alert> earlier) {
    for (int i = earlier.size() - 1; i >= 0; i--) {
      alerts.addFirst(earlier.get(i));
    }
    trim();
  }

  /** Every alert held, oldest first: what {@code alerts.json} gets. */
  List<Alert> all() {
    return List.copyOf(alerts);
  }

  /** The newest {@code n} alerts, oldest first. */
  List<Alert> recent(int n) {
    var all = new ArrayList<>(alerts);
    return List.copyOf(all.subList(Math.max(0, all.size() - n), all.size()));
  }

  private void trim() {
    while (alerts.size() > maxEntries) {
      alerts.removeFirst();
    }
  }

  /**
   * The alerts {@code file} holds, oldest first; none when it does not exist. A file that cannot be read is moved
   * aside (never overwritten unseen) and the log starts afresh. Blocking: never call it on an actor's thread.
   */
  static List<Alert> read(Path file) {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return List.copyOf(StatusJson.mapper().readValue(file.toFile(), ALERT_LIST));
    } catch (IOException | RuntimeException e) {
      Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + System.currentTimeMillis());
      LOG.warn("cannot read {} ({}); moved it to {} and starting a fresh alert log", file, e.getMessage(), aside);
      try {
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException moveFailure) {
        LOG.warn("cannot move {} aside: {}", file, moveFailure.getMessage());
      }
      return List.of();
    }
  }
}
