package io.celestialnexus.app.cli;

import io.celestialnexus.app.node.DirectStorage;
import io.celestialnexus.app.node.NodeLock;
import io.celestialnexus.app.node.NodeSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How a command that changes state reaches it: through the running service's API (with the key from
 * NEXUS_API_KEY, i.e. nexus.http.api-key) when the service answers, else by opening the storage directly. The
 * command's first line of output says which.
 */
final class StateChange {

  private static final Duration CONNECT = Duration.ofSeconds(2);
  private static final Duration REQUEST = Duration.ofSeconds(60);
  private static final String LOGBACK_CONFIG = "logback.configurationFile";

  /** A way in: {@link Api} or {@link Direct}. */
  sealed interface Route {}

  record Api(URI base, String apiKey) implements Route {}

  record Direct(DirectStorage storage) implements Route {}

  /** Could not go either way; the message says why and what to do. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  private StateChange() {}

  /** The running service's base URL, or empty when nothing answers there. */
  static Optional<URI> runningService(NodeSettings settings) {
    URI base = serviceBase(settings);
    return answers(base) ? Optional.of(base) : Optional.empty();
  }

  static URI serviceBase(NodeSettings settings) {
    return URI.create(StatusReader.serviceUrl(settings).replace("://0.0.0.0:", "://127.0.0.1:"));
  }

  /** GETs {@code pathAndQuery} with the key into {@code file}; no timeout on the body, which may be large. */
  static HttpResponse<Path> download(URI base, String apiKey, String pathAndQuery, Path file) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(pathAndQuery)).header("Authorization", "Bearer " + apiKey).GET().build();
    return HttpClient.newBuilder().connectTimeout(CONNECT).build().send(request, HttpResponse.BodyHandlers.ofFile(file));
  }

  static Route choose(NodeSettings settings, PrintWriter out) throws Refused, IOException {
    URI base = serviceBase(settings);
    if (answers(base)) {
      String key = settings.http().apiKey();
      if (key.isEmpty()) {
        throw new Refused("the service is running at " + base + "; set NEXUS_API_KEY (its API key) so this command can go through its API");
      }
      out.println("via the running service at " + base);
      return new Api(base, key);
    }
    // nothing answers: open the storage ourselves, quietly
    quietLogging();
    try {
      DirectStorage storage = DirectStorage.open(settings);
      out.println("service not running: writing to the storage directly (" + storage.describe() + ")");
      return new Direct(storage);
    } catch (NodeLock.HeldElsewhere e) {
      throw new Refused(e.getMessage() + ", but its API at " + base + " does not answer; try again when it does");
    } catch (DirectStorage.Unavailable e) {
      throw new Refused("storage unavailable: " + e.getMessage());
    }
  }

  /**
   * Logging for a command that opens the storage itself: warnings only, on stderr, so stdout stays the command's
   * output. Started here, on one thread, before the actor system's threads log (else SLF4J prints a replay warning).
   */
  static void quietLogging() {
    if (System.getProperty(LOGBACK_CONFIG) == null) {
      System.setProperty(LOGBACK_CONFIG, "logback-cli.xml");
    }
    org.slf4j.LoggerFactory.getILoggerFactory();
  }

  static HttpResponse<String> post(Api api, String pathAndQuery, String contentType, String body) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(api.base().resolve(pathAndQuery))
            .timeout(REQUEST)
            .header("Content-Type", contentType)
            .header("Authorization", "Bearer " + api.apiKey())
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HttpClient.newBuilder().connectTimeout(CONNECT).build().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static boolean answers(URI base) {
    try {
      HttpClient.newBuilder().connectTimeout(CONNECT).build()
          .send(HttpRequest.newBuilder(base.resolve("/health/live")).timeout(CONNECT).GET().build(), HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
