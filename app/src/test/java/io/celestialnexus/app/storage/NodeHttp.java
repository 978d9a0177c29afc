package io.celestialnexus.app.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.engine.status.StatusJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP calls to a node under test. */
final class NodeHttp {

  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;

  NodeHttp(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode json(String path) throws IOException, InterruptedException {
    return StatusJson.mapper().readTree(get(path).body());
  }

  HttpResponse<String> postJson(String path, String body, String key) throws IOException, InterruptedException {
    return post(path, "application/json", body, key);
  }

  HttpResponse<String> post(String path, String contentType, String body, String key) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", contentType)
            .header("Authorization", "Bearer " + key)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
