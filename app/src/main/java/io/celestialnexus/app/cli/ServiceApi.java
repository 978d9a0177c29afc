package io.celestialnexus.app.cli;

import io.celestialnexus.app.node.NodeSettings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The running service's REST API as the command line reaches it: the configured api listener, with the key from
 * NEXUS_API_KEY (the service's admin key) on every call when it is set. Without it, reads still work on the same host
 * while {@code nexus.http.anonymous-read = loopback}.
 */
final class ServiceApi {

  private final URI base;
  private final String apiKey;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  ServiceApi(NodeSettings settings) {
    String host = settings.http().api().host();
    if (host.equals("0.0.0.0") || host.equals("::")) {
      host = "127.0.0.1";
    }
    this.base = URI.create("http://" + host + ":" + settings.http().api().port());
    this.apiKey = settings.http().apiKey();
  }

  URI base() {
    return base;
  }

  /** The answer, or empty when nothing listens (the service is down). */
  Optional<HttpResponse<String>> send(String method, String path, String jsonBody) throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
    if (!apiKey.isEmpty()) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    try {
      return Optional.of(client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    } catch (ConnectException down) {
      return Optional.empty();
    }
  }
}
