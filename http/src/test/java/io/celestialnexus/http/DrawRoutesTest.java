package io.celestialnexus.http;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.engine.ssq.state.DrawHistory;
import io.celestialnexus.engine.ssq.state.HistoryDrawStore;
import io.celestialnexus.engine.ssq.state.StateSettings;
import io.celestialnexus.engine.status.StatusJson;
import io.celestialnexus.persistence.testing.TestDatabase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The draw endpoints on a real port over a real (H2) journal: paging, adding, conflicts, imports, bad input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrawRoutesTest {

  private static final String KEY = "draw-key";

  private TestDatabase db;
  private ActorTestKit testKit;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpClient client = HttpClient.newHttpClient();
  private String base;

  @BeforeAll
  void start() throws Exception {
    db = TestDatabase.h2(Files.createTempDirectory("draw-routes")).withSchema();
    testKit = ActorTestKit.create("draw-routes", db.actorSystemConfig(""));
    var settings = new StateSettings(Duration.ofMillis(200), ofSeconds(2), 0.2);
    var draws = testKit.spawn(DrawHistory.create(DrawHistory.SSQ, settings, Clock.systemUTC(), testKit.spawn(DrawHistory.topic())));
    var store = new HistoryDrawStore(draws, testKit.scheduler(), ofSeconds(10));
    var http = new HttpSettings(new HttpSettings.Listener("127.0.0.1", 0), KEY, ofSeconds(1));
    var binding =
        NexusHttpServer.bind(testKit.system(), http.api(), new ApiRoutes(Unasked.status(), Unasked.tasks(), store, http, registry).route(), ofSeconds(1))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + binding.localAddress().getPort();
  }

  @AfterAll
  void stop() {
    testKit.shutdownTestKit();
    db.close();
  }

  private HttpResponse<String> post(String path, String contentType, String body, String key) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return StatusJson.mapper().readTree(response.body());
  }

  private static String draw(int issue, String date, String reds, int blue) {
    return "{\"issue\":" + issue + ",\"date\":\"" + date + "\",\"reds\":[" + reds + "],\"blue\":" + blue + "}";
  }

  @Test
  void aPostedDrawIsStoredOnceAndAConflictingOneIsRefused() throws Exception {
    String body = draw(2030001, "2030-01-02", "3,1,2,4,5,6", 7);
    assertEquals(401, post("/api/draws", "application/json", body, "wrong").statusCode());
    HttpResponse<String> created = post("/api/draws", "application/json", body, KEY);
    assertEquals(201, created.statusCode(), created.body());
    assertEquals("[1,2,3,4,5,6]", json(created).get("draw").get("reds").toString());
    HttpResponse<String> again = post("/api/draws", "application/json", body, KEY);
    assertEquals(200, again.statusCode());
    assertFalse(json(again).get("added").asBoolean());

    HttpResponse<String> conflict = post("/api/draws", "application/json", draw(2030001, "2030-01-02", "1,2,3,4,5,7", 7), KEY);
    assertEquals(409, conflict.statusCode());
    assertTrue(json(conflict).get("detail").asText().contains("issue 2030001 is recorded as 2030-01-02 [1, 2, 3, 4, 5, 6] + 7"), conflict.body());

    JsonNode stored = json(get("/api/draws/2030001"));
    assertEquals("api", stored.get("source").asText());
    assertEquals(404, get("/api/draws/2030999").statusCode());
  }

  @Test
  void invalidDrawsAndPagesAre400sNamingTheProblemAndAreCounted() throws Exception {
    HttpResponse<String> badRed = post("/api/draws", "application/json", draw(2030002, "2030-01-03", "1,2,3,4,5,34", 7), KEY);
    assertEquals(400, badRed.statusCode());
    assertEquals("red 34 outside 1..33", json(badRed).get("detail").asText());
    HttpResponse<String> badDate = post("/api/draws", "application/json", draw(2030002, "03/01/2030", "1,2,3,4,5,6", 7), KEY);
    assertEquals("bad date '03/01/2030' (expected YYYY-MM-DD)", json(badDate).get("detail").asText());
    assertEquals(400, post("/api/draws", "application/json", "{not json", KEY).statusCode());
    assertEquals(400, get("/api/draws?limit=0").statusCode());
    assertEquals(400, get("/api/draws?offset=abc").statusCode());
    assertTrue(registry.get("nexus.draws.rejected").tag("reason", "invalid").counter().count() >= 2);
  }

  @Test
  void anImportIsAllOrNothingUnlessSkipInvalidAndAddsNothingTheSecondTime() throws Exception {
    String csv = "issue,date,r1,r2,r3,r4,r5,r6,blue\n2031001,2031-01-01,1,2,3,4,5,6,1\n2031002,2031-01-03,1,2,3,4,5,40,1\n2031003,2031-01-05,7,8,9,10,11,12,2\n";
    HttpResponse<String> refused = post("/api/draws/import", "text/csv", csv, KEY);
    assertEquals(422, refused.statusCode(), refused.body());
    assertEquals("line 3: red 40 outside 1..33", json(refused).get("rejected").get(0).asText());
    assertEquals(404, get("/api/draws/2031001").statusCode(), "nothing was imported");

    HttpResponse<String> skipped = post("/api/draws/import?skipInvalid=true", "text/csv", csv, KEY);
    assertEquals(200, skipped.statusCode(), skipped.body());
    assertEquals(2, json(skipped).get("added").asInt());
    HttpResponse<String> again = post("/api/draws/import?skipInvalid=true", "text/csv", csv, KEY);
    assertEquals(0, json(again).get("added").asInt());
    assertEquals(2, json(again).get("unchanged").asInt());

    String conflicting = "issue,date,r1,r2,r3,r4,r5,r6,blue\n2031004,2031-01-07,1,2,3,4,5,6,3\n2031001,2031-01-01,1,2,3,4,5,6,9\n";
    HttpResponse<String> conflict = post("/api/draws/import", "text/csv", conflicting, KEY);
    assertEquals(422, conflict.statusCode());
    assertTrue(json(conflict).get("rejected").get(0).asText().startsWith("line 3: issue 2031001 is recorded as"), conflict.body());
    assertEquals(404, get("/api/draws/2031004").statusCode(), "all or nothing");

    JsonNode page = json(get("/api/draws?offset=0&limit=2"));
    assertEquals(2, page.get("draws").size());
    assertTrue(page.get("total").asInt() >= 2);
  }
}
