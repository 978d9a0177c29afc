package io.celestialnexus.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** How a task's status reads in one line of {@code check} and {@code status}. */
final class TaskLines {

  private TaskLines() {}

  static String detail(JsonNode task, Clock clock) {
    StringBuilder line = new StringBuilder();
    if (task.hasNonNull("heartbeatAgeMillis")) {
      line.append("heartbeat ").append(seconds(task.get("heartbeatAgeMillis").asLong())).append(" ago");
    } else {
      line.append("no heartbeat yet");
    }
    int failures = task.path("consecutiveFailures").asInt();
    if (failures > 0) {
      line.append(", ").append(failures).append(failures == 1 ? " failure" : " failures").append(" in a row");
    }
    if (task.hasNonNull("nextRestartAt")) {
      Duration wait = Duration.between(clock.instant(), Instant.parse(task.get("nextRestartAt").asText()));
      line.append(", restart in ").append(seconds(Math.max(0, wait.toMillis())));
    }
    JsonNode error = task.path("lastError");
    if (failures > 0 && error.isObject()) {
      line.append(": ").append(error.path("type").asText()).append(": ").append(error.path("message").asText());
    }
    return line.toString();
  }

  static String seconds(long millis) {
    return millis < 10_000 ? String.format("%.1fs", millis / 1000.0) : (millis / 1000) + "s";
  }
}
