package io.celestialnexus.app.chaos;

import static java.time.Duration.ofHours;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.app.CommandLineRun;
import io.celestialnexus.app.node.NexusNode;
import io.celestialnexus.app.node.NodeConfig;
import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.engine.status.StatusJson;
import io.celestialnexus.engine.supervision.BackoffSettings;
import io.celestialnexus.engine.task.Schedule;
import io.celestialnexus.engine.task.Task;
import io.celestialnexus.engine.task.TaskSettings;
import io.celestialnexus.engine.testing.ScriptedTask;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Each assault end to end on a real node over HTTP, read back from the tasks' lifecycle timelines. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaosEndToEndTest {

  private static final String KEY = "chaos-key";
  private static final long HEARTBEAT_TIMEOUT_MS = 1_000;

  private final HttpClient http = HttpClient.newHttpClient();
  private Path dir;
  private NexusNode node;
  private String base;
  private TestProbe<Object> probe;

  /** Steps every 50 ms; a second failure in a row waits 300 ms (+/- 20 %); the count only resets after an hour. */
  private static Task worker(String name) {
    var backoff = new BackoffSettings(ofMillis(300), ofSeconds(5), 0.2, ofHours(1), 1_000, ofHours(1));
    var settings = new TaskSettings(new Schedule.Fixed(ofMillis(50)), ofMillis(HEARTBEAT_TIMEOUT_MS), ofSeconds(30), backoff);
    return new ScriptedTask(name, settings, (n, context) -> Map.of("round", n));
  }

  @BeforeAll
  void startNode() throws Exception {
    dir = Files.createTempDirectory("chaos-e2e");
    node = start(dir.resolve("node"), "nexus.chaos.enabled = on\nnexus.http.api-key = \"" + KEY + "\"\n",
        List.of(worker("exc"), worker("hang"), worker("slow"), worker("cli")));
    base = "http://127.0.0.1:" + node.apiAddress().getPort();
    probe = ActorTestKit.create(node.system()).createTestProbe();
  }

  @AfterAll
  void stopNode() {
    node.close();
  }

  private static NexusNode start(Path root, String extra, List<Task> tasks) throws Exception {
    Files.createDirectories(root);
    Path conf = Files.writeString(root.resolve("n.conf"),
        "nexus.data.dir = \"" + root.resolve("data") + "\"\nnexus.logs.dir = \"" + root.resolve("logs") + "\"\nnexus.http.api.port = 0\n" + extra);
    return NexusNode.start(NodeSettings.fromConfig(NodeConfig.load(Optional.of(conf))), tasks, "test");
  }

  private HttpResponse<String> send(String method, String path, String body, String key) throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private long inject(String task, String body) throws Exception {
    long at = System.currentTimeMillis();
    HttpResponse<String> response = send("POST", "/api/chaos/tasks/" + task, body, KEY);
    assertEquals(202, response.statusCode(), response.body());
    return at;
  }

  /** The task's events after {@code since}, once they satisfy {@code condition}. */
  private List<JsonNode> awaitEvents(String task, long since, Predicate<List<JsonNode>> condition) {
    return probe.awaitAssert(
        ofSeconds(15),
        () -> {
          HttpResponse<String> response = send("GET", "/api/tasks/" + task + "/events?since=" + since, null, null);
          assertEquals(200, response.statusCode(), response.body());
          List<JsonNode> events = new ArrayList<>();
          StatusJson.mapper().readTree(response.body()).forEach(events::add);
          assertTrue(condition.test(events), () -> "not yet: " + events);
          return events;
        });
  }

  private static List<JsonNode> ofType(List<JsonNode> events, String type) {
    return events.stream().filter(event -> event.get("type").asText().equals(type)).toList();
  }

  @Test
  void anExceptionAssaultRestartsTheTaskWithTheConfiguredBackoffVisibleInTheTimeline() throws Exception {
    long injected = inject("exc", "{\"assault\": \"exception\", \"count\": 2}");
    List<JsonNode> events =
        awaitEvents("exc", injected, e -> ofType(e, "RESTARTED").size() >= 2 && !ofType(e, "STEP_FINISHED").isEmpty());
    List<JsonNode> scheduled = ofType(events, "RESTART_SCHEDULED");
    assertEquals(0, scheduled.get(0).get("durationMillis").asLong(), "first restart after a healthy run: immediate");
    long second = scheduled.get(1).get("durationMillis").asLong();
    assertTrue(second >= 240 && second <= 360, "second failure in a row waits min-backoff 300 ms +/- 20 %: " + second);
    assertTrue(ofType(events, "FAILED").get(0).get("detail").asText().contains("injected exception"));
  }

  @Test
  void aHangIsDetectedByTheWatchdogItsThreadInterruptedAndAFreshStepStarted() throws Exception {
    long injected = inject("hang", "{\"assault\": \"hang\"}");
    List<JsonNode> events =
        awaitEvents("hang", injected, e -> !ofType(e, "STALLED").isEmpty()
            && e.stream().anyMatch(x -> x.get("type").asText().equals("STEP_STARTED") && x.get("at").asLong() > ofType(e, "STALLED").get(0).get("at").asLong()));
    JsonNode stalled = ofType(events, "STALLED").get(0);
    assertTrue(stalled.get("durationMillis").asLong() >= HEARTBEAT_TIMEOUT_MS, stalled.toString());
    JsonNode hungStep = events.get(events.indexOf(stalled) - 1);
    assertEquals("STEP_STARTED", hungStep.get("type").asText());
    long detectedAfter = stalled.get("at").asLong() - hungStep.get("at").asLong();
    assertTrue(detectedAfter >= HEARTBEAT_TIMEOUT_MS && detectedAfter < HEARTBEAT_TIMEOUT_MS + 2_000, "detected after " + detectedAfter + " ms");
    JsonNode chaos = probe.awaitAssert(ofSeconds(5), () -> {
      JsonNode listing = StatusJson.mapper().readTree(send("GET", "/api/chaos", null, null).body());
      assertTrue(listing.get("past").toString().contains("hang interrupted after"), listing.toString());
      return listing;
    });
    assertTrue(chaos.get("pending").isEmpty());
  }

  @Test
  void aLatencyAssaultLengthensTheNextStepsByItsDelay() throws Exception {
    long injected = inject("slow", "{\"assault\": \"latency\", \"count\": 2, \"latencyMs\": 300}");
    List<JsonNode> events = awaitEvents("slow", injected, e -> ofType(e, "STEP_FINISHED").size() >= 3);
    List<JsonNode> finished = ofType(events, "STEP_FINISHED");
    long slowSteps = finished.stream().filter(step -> step.get("durationMillis").asLong() >= 300).count();
    assertEquals(2, slowSteps, finished.toString());
  }

  @Test
  void theTaskDocumentCarriesItsTimeline() throws Exception {
    JsonNode task = StatusJson.mapper().readTree(send("GET", "/api/tasks/slow", null, null).body());
    assertEquals("slow", task.get("name").asText());
    assertTrue(task.get("events").size() > 0);
    assertEquals("STEP_STARTED", task.get("events").get(0).get("type").asText());
  }

  @Test
  void writesNeedTheKeyAndBadBodiesAreRefusedWithTheReason() throws Exception {
    assertEquals(401, send("POST", "/api/chaos/tasks/exc", "{\"assault\": \"hang\"}", null).statusCode());
    HttpResponse<String> unknownKind = send("POST", "/api/chaos/tasks/exc", "{\"assault\": \"meteor\"}", KEY);
    assertEquals(400, unknownKind.statusCode());
    assertTrue(unknownKind.body().contains("exception, hang or latency"), unknownKind.body());
    HttpResponse<String> noLatency = send("POST", "/api/chaos/tasks/exc", "{\"assault\": \"latency\"}", KEY);
    assertEquals(400, noLatency.statusCode());
    assertTrue(noLatency.body().contains("latencyMs"), noLatency.body());
    assertEquals(400, send("POST", "/api/chaos/tasks/exc", "not json", KEY).statusCode());
    assertEquals(404, send("POST", "/api/chaos/tasks/ghost", "{\"assault\": \"hang\"}", KEY).statusCode());
  }

  @Test
  void deleteClearsPendingAssaults() throws Exception {
    inject("cli", "{\"assault\": \"latency\", \"count\": 10000, \"latencyMs\": 1}");
    HttpResponse<String> cleared = send("DELETE", "/api/chaos/tasks/cli", null, KEY);
    assertEquals(200, cleared.statusCode());
    assertEquals(1, StatusJson.mapper().readTree(cleared.body()).get("cleared").asInt());
  }

  @Test
  void theCommandLineInjectsThroughTheApi() throws Exception {
    Path conf = Files.writeString(dir.resolve("cli.conf"),
        "nexus.data.dir = \"" + dir.resolve("node/data") + "\"\nnexus.http.api.port = " + node.apiAddress().getPort()
            + "\nnexus.http.api-key = \"" + KEY + "\"\n");
    CommandLineRun run = CommandLineRun.of("chaos", "cli", "latency", "--latency-ms", "5", "--config", conf.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("through the API"), run.out());
  }

  @Test
  void withChaosDisabledTheEndpointsAreAbsent() throws Exception {
    try (NexusNode plain = start(dir.resolve("plain"), "nexus.http.api-key = \"" + KEY + "\"\n", List.of(worker("quiet")))) {
      String plainBase = "http://127.0.0.1:" + plain.apiAddress().getPort();
      var request = HttpRequest.newBuilder(URI.create(plainBase + "/api/chaos/tasks/quiet"))
          .header("Authorization", "Bearer " + KEY).POST(HttpRequest.BodyPublishers.ofString("{\"assault\": \"hang\"}")).build();
      assertEquals(404, http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
      assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(plainBase + "/api/chaos")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }
  }
}
