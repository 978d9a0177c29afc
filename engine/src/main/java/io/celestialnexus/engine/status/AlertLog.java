package io.celestialnexus.engine.status;

import com.fasterxml.jackson.core.type.TypeReference;
import io.celestialnexus.engine.support.AtomicFiles;
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
 * The newest {@code maxEntries} alerts, mirrored to {@code reports/alerts.json}. Survives restarts by
 * reading the file back; a file that cannot be read is moved aside (never overwritten unseen). Held by one
 * actor; {@link #write} may run on another thread because it only touches the immutable list it is given.
 */
final class AlertLog {

  private static final Logger LOG = LoggerFactory.getLogger(AlertLog.class);
  private static final TypeReference<List<Alert>> ALERT_LIST = new TypeReference<>() {};

  private final Path file;
  private final int maxEntries;
  private final Deque<Alert> alerts = new ArrayDeque<>();

  AlertLog(Path file, int maxEntries) {
    this.file = file;
    this.maxEntries = maxEntries;
    load();
  }

  /** Adds an alert, dropping the oldest beyond the bound, and answers the list to write. */
  List<Alert> append(Alert alert) {
    alerts.addLast(alert);
    while (alerts.size() > maxEntries) {
      alerts.removeFirst();
    }
    return List.copyOf(alerts);
  }

  /** The newest {@code n} alerts, oldest first. */
  List<Alert> recent(int n) {
    var all = new ArrayList<>(alerts);
    return List.copyOf(all.subList(Math.max(0, all.size() - n), all.size()));
  }

  void write(List<Alert> snapshot) throws IOException {
    AtomicFiles.write(file, StatusJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(snapshot));
  }

  private void load() {
    if (!Files.exists(file)) {
      return;
    }
    try {
      List<Alert> stored = StatusJson.mapper().readValue(file.toFile(), ALERT_LIST);
      stored.forEach(this::append);
    } catch (IOException | RuntimeException e) {
      Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + System.currentTimeMillis());
      LOG.warn("cannot read {} ({}); moved it to {} and starting a fresh alert log", file, e.getMessage(), aside);
      try {
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException moveFailure) {
        LOG.warn("cannot move {} aside: {}", file, moveFailure.getMessage());
      }
    }
  }
}
