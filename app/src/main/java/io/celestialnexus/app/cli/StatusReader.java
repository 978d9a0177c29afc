package io.celestialnexus.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.engine.status.StatusJson;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Reads the status document from the running service, or from {@code reports/status.json} when it is down. */
final class StatusReader {

  /** A status document and where it came from; {@code age} is how old the file is (zero when live). */
  record Reading(JsonNode document, boolean live, String source, Duration age) {}

  private StatusReader() {}

  static Optional<Reading> read(NodeSettings settings, Clock clock) throws IOException {
    var api = new ServiceApi(settings);
    try {
      Optional<HttpResponse<String>> response = api.send("GET", "/status", null);
      if (response.isPresent() && response.get().statusCode() == 200) {
        return Optional.of(
            new Reading(StatusJson.mapper().readTree(response.get().body()), true, api.base().resolve("/status").toString(), Duration.ZERO));
      }
    } catch (IOException e) {
      // not answering properly: fall back to the file below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Path file = settings.engine().runtime().status().statusFile();
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Instant written = Files.getLastModifiedTime(file).toInstant();
    return Optional.of(
        new Reading(StatusJson.mapper().readTree(file.toFile()), false, file.toString(), Duration.between(written, clock.instant())));
  }

  static String serviceUrl(NodeSettings settings) {
    return new ServiceApi(settings).base().toString();
  }
}
