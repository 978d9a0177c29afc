package io.celestialnexus.http;

import static java.time.Duration.ofHours;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.engine.runtime.RuntimeSettings;
import io.celestialnexus.engine.status.BoardStatusPort;
import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.engine.status.StatusJson;
import io.celestialnexus.engine.status.StatusPort;
import io.celestialnexus.engine.supervision.BackoffSettings;
import io.celestialnexus.engine.support.EngineClock;
import io.celestialnexus.engine.task.SupervisorTaskControl;
import io.celestialnexus.engine.task.Task;
import io.celestialnexus.engine.task.TaskControl;
import io.celestialnexus.engine.task.TaskSupervisor;
import io.celestialnexus.engine.testing.Promtool;
import io.celestialnexus.engine.testing.ScriptedTask;
import io.celestialnexus.engine.testing.TestEngineSettings;
import io.celestialnexus.engine.testing.TestSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The api listener on a real port: a healthy task, a flapping one, and the write endpoints with and without a key. */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpServerTest {

  private static final String KEY = "s3cret-key";

  @JUnit5TestKit public ActorTestKit testKit = ActorTestKit.create();

  private final HttpClient client = HttpClient.newHttpClient();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private ActorRef<StatusBoard.Command> board;
  private StatusPort status;
  private TaskControl tasks;
  private String withKey;
  private String withoutKey;
  private Path root;

  @BeforeAll
  void startNode() throws Exception {
    root = Files.createTempDirectory("http-test");
    RuntimeSettings settings = TestEngineSettings.settings(root, "");
    board = testKit.spawn(StatusBoard.create(settings.status(), Clock.systemUTC(), registry, "test"), "status");
    Task steady = new ScriptedTask("steady", TestSettings.every(ofSeconds(30)), (n, context) -> Map.of("round", n));
    Task flaky =
        new ScriptedTask(
            "flaky",
            TestSettings.with(
                TestSettings.every(ofMinutes(10)),
                new BackoffSettings(ofMillis(1), ofHours(1), 0.2, ofHours(1), 1, ofHours(1))),
            (n, context) -> {
              throw new IllegalStateException("always broken");
            });
    ActorRef<TaskSupervisor.Command> supervisor =
        testKit.spawn(TaskSupervisor.create(List.of(steady, flaky), board, EngineClock.system(), registry, 50), "tasks");
    status = new BoardStatusPort(board, testKit.scheduler(), ofSeconds(3));
    tasks = new SupervisorTaskControl(supervisor, testKit.scheduler(), ofSeconds(3));
    withKey = "http://127.0.0.1:" + bind(KEY).localAddress().getPort();
    withoutKey = "http://127.0.0.1:" + bind("").localAddress().getPort();
  }

  @AfterAll
  void cleanUp() throws IOException {
    try (var files = Files.walk(root)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private ServerBinding bind(String apiKey) throws Exception {
    var settings =
        new HttpSettings(new HttpSettings.Listener("127.0.0.1", 0), apiKey, ofSeconds(1));
    return NexusHttpServer.bind(testKit.system(), settings.api(), new ApiRoutes(status, tasks, Unasked.draws(), settings, registry).route(), ofSeconds(1))
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private HttpResponse<String> get(String url) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, String bearer) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody());
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
        "content type of " + response.body());
    return StatusJson.mapper().readTree(response.body());
  }

  /** Waits until the flaky task is FLAPPING: the node's health is FAIL from then on. */
  private void awaitFlapping() {
    TestProbe<Object> probe = testKit.createTestProbe();
    probe.awaitAssert(
        ofSeconds(10),
        () -> {
          JsonNode task = json(get(withKey + "/api/tasks/flaky"));
          assertEquals("FLAPPING", task.get("state").asText());
          return null;
        });
  }

  @Test
  void healthIs503NamingTheFlappingTaskWithItsLastError() throws Exception {
    awaitFlapping();
    HttpResponse<String> response = get(withKey + "/health");
    assertEquals(503, response.statusCode());
    JsonNode body = json(response);
    assertEquals("DOWN", body.get("status").asText());
    assertEquals("FAIL", body.get("health").asText());
    JsonNode part = body.get("failing").get(0);
    assertEquals("task:flaky", part.get("name").asText());
    assertEquals("FLAPPING", part.get("state").asText());
    assertTrue(part.get("detail").asText().contains("always broken"));
  }

  @Test
  void liveAndReadyAnswerOnceTasksHaveStarted() throws Exception {
    TestProbe<Object> probe = testKit.createTestProbe();
    probe.awaitAssert(ofSeconds(10), () -> {
      assertEquals(200, get(withKey + "/health/ready").statusCode());
      return null;
    });
    assertEquals("UP", json(get(withKey + "/health/live")).get("status").asText());
  }

  @Test
  void readyIs503WhileAComponentIsDown() throws Exception {
    board.tell(new StatusBoard.ComponentUpdated("probe-component", false, "unreachable"));
    TestProbe<Object> probe = testKit.createTestProbe();
    JsonNode body =
        probe.awaitAssert(
            ofSeconds(5),
            () -> {
              HttpResponse<String> response = get(withKey + "/health/ready");
              assertEquals(503, response.statusCode());
              return json(response);
            });
    assertEquals("NOT_READY", body.get("status").asText());
    assertEquals("probe-component", body.get("waitingFor").get(0).get("name").asText());
    board.tell(new StatusBoard.ComponentUpdated("probe-component", true, "back"));
    probe.awaitAssert(ofSeconds(5), () -> {
      assertEquals(200, get(withKey + "/health/ready").statusCode());
      return null;
    });
  }

  @Test
  void statusIsTheFullDocumentWithEveryTask() throws Exception {
    JsonNode status = json(get(withKey + "/status"));
    List<String> names = List.of(status.get("tasks").get(0).get("name").asText(), status.get("tasks").get(1).get("name").asText());
    assertEquals(List.of("steady", "flaky"), names);
    assertTrue(status.has("health") && status.has("node") && status.has("recentAlerts"));
    assertTrue(status.get("tasks").get(0).has("heartbeatAgeMillis"));
  }

  @Test
  void tasksAreListedAndLookedUpByName() throws Exception {
    assertEquals(2, json(get(withKey + "/api/tasks")).size());
    assertEquals("steady", json(get(withKey + "/api/tasks/steady")).get("name").asText());
    HttpResponse<String> missing = get(withKey + "/api/tasks/ghost");
    assertEquals(404, missing.statusCode());
    assertEquals("no task named 'ghost'", json(missing).get("detail").asText());
  }

  @Test
  void writesAre403WithAHintWhenNoKeyIsConfigured() throws Exception {
    HttpResponse<String> response = post(withoutKey + "/api/tasks/steady/restart", null);
    assertEquals(403, response.statusCode());
    assertTrue(json(response).get("detail").asText().contains("NEXUS_API_KEY"));
  }

  @Test
  void writesNeedTheRightBearerKey() throws Exception {
    HttpResponse<String> missing = post(withKey + "/api/tasks/steady/restart", null);
    assertEquals(401, missing.statusCode());
    assertTrue(missing.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    json(missing);
    assertEquals(401, post(withKey + "/api/tasks/steady/restart", "wrong").statusCode());
  }

  @Test
  void pauseAndResumeThroughTheApi() throws Exception {
    HttpResponse<String> paused = post(withKey + "/api/tasks/steady/pause", KEY);
    assertEquals(200, paused.statusCode());
    assertEquals("PAUSED", json(paused).get("state").asText());
    assertEquals("PAUSED", json(get(withKey + "/api/tasks/steady")).get("state").asText());
    HttpResponse<String> resumed = post(withKey + "/api/tasks/steady/resume", KEY);
    assertEquals(200, resumed.statusCode());
    assertFalse(json(resumed).get("state").asText().equals("PAUSED"));
  }

  @Test
  void controlOfAnUnknownTaskOrActionIs404() throws Exception {
    HttpResponse<String> unknownTask = post(withKey + "/api/tasks/ghost/restart", KEY);
    assertEquals(404, unknownTask.statusCode());
    assertEquals("no task named 'ghost'", json(unknownTask).get("detail").asText());
    assertEquals(404, post(withKey + "/api/tasks/steady/explode", KEY).statusCode());
  }

  @Test
  void errorsAreJsonWithoutStackTraces() throws Exception {
    HttpResponse<String> wrongMethod = post(withKey + "/status", KEY);
    assertEquals(405, wrongMethod.statusCode());
    assertEquals("method not allowed", json(wrongMethod).get("error").asText());
    HttpResponse<String> nowhere = get(withKey + "/no/such/path");
    assertEquals(404, nowhere.statusCode());
    assertFalse(nowhere.body().contains("\tat "));
    assertEquals("not found", json(nowhere).get("error").asText());
  }

  @Test
  void metricsArePrometheusTextThatPromtoolAccepts() throws Exception {
    awaitFlapping();
    get(withKey + "/status");
    HttpResponse<String> response = get(withKey + "/metrics");
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
    String text = response.body();
    assertTrue(text.contains("nexus_task_restarts_total{task=\"flaky\"}"), text);
    assertTrue(text.contains("nexus_task_state{state=\"FLAPPING\",task=\"flaky\"} 1.0"), text);
    assertTrue(text.contains("nexus_task_heartbeat_age_seconds{task=\"steady\"}"), text);
    assertTrue(text.contains("nexus_task_step_duration_seconds_bucket{task=\"steady\""), text);
    assertTrue(text.contains("http_server_requests_seconds_count{method=\"GET\",route=\"/status\",status=\"200\"}"), text);
    Promtool.assertValid(text);
  }
}
