package io.celestialnexus.app.ssq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.app.node.NexusNode;
import io.celestialnexus.app.node.NodeConfig;
import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.app.node.TaskCatalog;
import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.DrawCsv;
import io.celestialnexus.engine.ssq.DrawSchedule;
import io.celestialnexus.engine.status.StatusJson;
import io.celestialnexus.engine.testing.SyntheticDraws;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop on a running node, through its real HTTP API: draws added through the API wake ssq-cycle (its own
 * interval is an hour), the catch-up is reviewed and the next issue predicted, a new draw is reviewed with the
 * prediction made before it, the tuner runs on demand, and a rollback restores an earlier version.
 */
class SsqLoopNodeTest {

  private static final String KEY = "loop-key";
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private final HttpClient client = HttpClient.newHttpClient();

  @TempDir Path dir;

  private String base;

  private NexusNode start() throws Exception {
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    Path conf =
        Files.writeString(
            dir.resolve("nexus.conf"),
            "nexus.data.dir = \"" + dir.resolve("data") + "\"\n"
                + "nexus.logs.dir = \"" + dir.resolve("logs") + "\"\n"
                + "nexus.http.api.port = " + port + "\n"
                + "nexus.http.api-key = \"" + KEY + "\"\n"
                + "nexus.engine.state.import-bundled-history = false\n"
                + "nexus.engine.ssq.cycle.interval-seconds = 3600\n");
    NodeSettings settings = NodeSettings.fromConfig(NodeConfig.load(Optional.of(conf)));
    return NexusNode.start(settings, TaskCatalog.tasks(settings), "test");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    return StatusJson.mapper().readTree(response.body());
  }

  private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", contentType)
            .header("Authorization", "Bearer " + KEY)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String csv(List<Draw> draws) {
    return String.join(",", DrawCsv.HEADER) + "\n"
        + draws.stream()
            .map(d -> d.issue() + "," + d.date() + "," + d.reds().stream().map(String::valueOf).collect(Collectors.joining(",")) + "," + d.blue())
            .collect(Collectors.joining("\n"))
        + "\n";
  }

  /** Waits (without sleeping blind) until the latest prediction is for {@code issue} with the given status. */
  private JsonNode awaitLatest(NexusNode node, int issue, String status) {
    TestProbe<Object> probe = TestProbe.create(node.system());
    return probe.awaitAssert(
        PATIENCE,
        Duration.ofMillis(100),
        () -> {
          JsonNode latest = json("/api/predictions/latest");
          assertEquals(issue, latest.get("issue").asInt(), latest.toString());
          assertEquals(status, latest.get("status").asText(), latest.toString());
          return latest;
        });
  }

  @Test
  void drawsAddedThroughTheApiAreReviewedTheNextIssueIsPredictedAndStateCanBeRolledBack() throws Exception {
    List<Draw> history = SyntheticDraws.fair(160, 21);
    try (NexusNode node = start()) {
      HttpResponse<String> imported = post("/api/draws/import", "text/csv", csv(history));
      assertEquals(200, imported.statusCode(), imported.body());

      int next = DrawSchedule.after(history.get(159)).issue();
      JsonNode predicted = awaitLatest(node, next, "PREDICTED");
      JsonNode reviewed = json("/api/predictions/" + history.get(100).issue());
      assertEquals("REVIEWED", reviewed.get("status").asText());
      // one tuner step per reviewed issue: the next issue is predicted 60 versions after issue 101 of 160
      assertEquals(reviewed.get("weightsVersion").asInt() + 60, predicted.get("weightsVersion").asInt(), predicted.toString());
      assertEquals(36.0 / 33.0, reviewed.get("review").get("baseline").get("expectedRedHits").asDouble(), 1e-12);

      // the draw of the predicted issue arrives: reviewed with that very prediction, the one after it predicted
      var date = DrawSchedule.after(history.get(159)).date();
      HttpResponse<String> added =
          post("/api/draws", "application/json", "{\"issue\":" + next + ",\"date\":\"" + date + "\",\"reds\":[2,7,11,19,26,31],\"blue\":9}");
      assertTrue(added.statusCode() == 200 || added.statusCode() == 201, added.body());
      int after = DrawSchedule.after(new Draw(next, date, List.of(2, 7, 11, 19, 26, 31), 9)).issue();
      awaitLatest(node, after, "PREDICTED");
      JsonNode nowReviewed = json("/api/predictions/" + next);
      assertEquals("REVIEWED", nowReviewed.get("status").asText());
      assertEquals(predicted.get("picks"), nowReviewed.get("picks"));
      assertEquals(predicted.get("predictedAt"), nowReviewed.get("predictedAt"));

      JsonNode evaluation = json("/api/evaluation?window=50");
      assertEquals(50, evaluation.get("draws").asInt());
      assertTrue(evaluation.get("verdict").asText().startsWith("No evidence of skill"), evaluation.toString());
      assertTrue(get("/api/evaluation?format=md").body().contains("random"));
      HttpResponse<byte[]> chart =
          client.send(HttpRequest.newBuilder(URI.create(base + "/api/charts/red-hits.png")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, chart.statusCode());
      assertEquals("image/png", chart.headers().firstValue("Content-Type").orElse(""));

      int live = json("/api/weights").get("version").asInt();
      assertEquals(202, post("/api/tuner/run", "application/json", "").statusCode());
      TestProbe<Object> probe = TestProbe.create(node.system());
      probe.awaitAssert(PATIENCE, Duration.ofMillis(100), () -> {
        assertTrue(json("/api/weights").get("version").asInt() > live);
        return null;
      });

      HttpResponse<String> rolledBack = post("/api/weights/rollback", "application/json", "{\"version\": 40, \"reason\": \"test\"}");
      assertEquals(200, rolledBack.statusCode(), rolledBack.body());
      JsonNode restored = StatusJson.mapper().readTree(rolledBack.body());
      assertEquals("ROLLED_BACK", restored.get("change").asText());
      assertEquals(json("/api/weights/history?from=40&limit=1").get("versions").get(0).get("weights"), restored.get("weights"));
      assertEquals(400, post("/api/weights/rollback", "application/json", "{\"version\": 99999}").statusCode());

      JsonNode cycle = json("/api/tasks/ssq-cycle");
      assertEquals("RUNNING", cycle.get("state").asText());
      assertEquals(next, cycle.get("fields").get("issue").asInt());
      assertTrue(Files.exists(dir.resolve("data/reports/evaluation.md")));
    }
  }
}
