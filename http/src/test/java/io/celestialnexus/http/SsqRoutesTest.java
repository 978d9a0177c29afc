package io.celestialnexus.http;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.engine.backup.BackupSource;
import io.celestialnexus.engine.device.DeviceDirectory;
import io.celestialnexus.engine.ssq.loop.PredictionService;
import io.celestialnexus.engine.status.StatusJson;
import io.celestialnexus.engine.testing.FixedPredictions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The SSQ endpoints on real ports over hand-written PredictionService fakes: a running loop, one that has
 * predicted nothing yet, a node without the loop, and a service with a bug.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SsqRoutesTest {

  private static final String KEY = "ssq-key";
  private static final String SECRET = "internal detail that must not leak";

  private final ActorTestKit testKit = ActorTestKit.create("ssq-routes");
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpClient client = HttpClient.newHttpClient();
  private final HttpSettings http = new HttpSettings(new HttpSettings.Listener("127.0.0.1", 0), KEY, ofSeconds(1));
  private String running;
  private String starting;
  private String notRunning;
  private String buggy;

  @BeforeAll
  void start() throws Exception {
    running = bind(FixedPredictions.running());
    starting = bind(FixedPredictions.starting());
    notRunning = bind(PredictionService.unavailable());
    buggy =
        bind(
            new FixedPredictions(List.of(), List.of(), false) {
              // a bug: thrown, not a refusal carried by the answer
              @Override
              public CompletionStage<List<StrategyView>> strategies() {
                throw new IllegalArgumentException(SECRET);
              }
            });
  }

  @AfterAll
  void stop() {
    testKit.shutdownTestKit();
  }

  private String bind(PredictionService predictions) throws Exception {
    // the engine's other ports are never asked: these tests only reach the SSQ routes
    var routes =
        new ApiRoutes(
            Unasked.status(), Unasked.tasks(), Unasked.draws(), DeviceDirectory.unavailable(), predictions, BackupSource.unavailable(), http, registry,
            Optional.empty());
    var binding = NexusHttpServer.bind(testKit.system(), http.api(), routes.route(), ofSeconds(1)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    return "http://127.0.0.1:" + binding.localAddress().getPort();
  }

  private HttpResponse<String> get(String base, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String base, String path, String body, String key) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return StatusJson.mapper().readTree(response.body());
  }

  private static JsonNode ok(HttpResponse<String> response) throws Exception {
    assertEquals(200, response.statusCode(), response.body());
    return json(response);
  }

  private static void assertError(int status, String detail, HttpResponse<String> response) throws Exception {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), response.headers().toString());
    assertEquals(detail, json(response).get("detail").asText());
  }

  @Test
  void theLatestPredictionIsServedReadablyWithItsProbabilities() throws Exception {
    JsonNode latest = ok(get(running, "/api/predictions/latest"));
    assertEquals(FixedPredictions.LATEST, latest.get("issue").asInt());
    assertEquals("PREDICTED", latest.get("status").asText());
    assertEquals("[1,2,3,4,5,6]", latest.get("picks").get("reds").toString());
    assertEquals(7, latest.get("picks").get("blue").asInt());
    assertEquals(1, latest.get("extraTickets").size());
    assertEquals(3, latest.get("weightsVersion").asInt());
    assertEquals("2026-08-20T12:00:00Z", latest.get("predictedAt").asText());
    assertTrue(latest.get("review").isNull());
    assertEquals(33, latest.get("probabilities").get("reds").size());
    assertEquals(16, latest.get("probabilities").get("blues").size());

    assertError(404, "no prediction has been made yet", get(starting, "/api/predictions/latest"));
  }

  @Test
  void aReviewedIssueShowsItsHitsBesideTheRandomBaselineAndASkippedOneItsReason() throws Exception {
    JsonNode review = ok(get(running, "/api/predictions/" + FixedPredictions.REVIEWED)).get("review");
    assertEquals(2, review.get("redHits").asInt());
    assertTrue(review.get("blueHit").asBoolean());
    assertEquals(6, review.get("prizeTier").asInt());
    assertEquals(22.9, review.get("logLoss").asDouble());
    assertEquals(36.0 / 33.0, review.get("baseline").get("expectedRedHits").asDouble(), 1e-12);
    assertEquals(1.0 / 16.0, review.get("baseline").get("blueHitRate").asDouble(), 1e-12);
    assertEquals(6 * Math.log(33) + Math.log(16), review.get("baseline").get("logLoss").asDouble(), 1e-9);

    JsonNode skipped = ok(get(running, "/api/predictions/" + FixedPredictions.SKIPPED));
    assertEquals("SKIPPED", skipped.get("status").asText());
    assertEquals("the draw came before a prediction", skipped.get("skipReason").asText());
    assertTrue(skipped.get("picks").isNull());

    assertError(404, "no prediction for issue 2026001", get(running, "/api/predictions/2026001"));
  }

  @Test
  void weightsAndTheirHistoryArePagedAndBadNumbersAre400s() throws Exception {
    assertEquals(2, ok(get(running, "/api/weights")).get("version").asInt());
    JsonNode all = ok(get(running, "/api/weights/history"));
    assertEquals(2, all.get("latest").asInt());
    assertEquals(3, all.get("versions").size());
    JsonNode page = ok(get(running, "/api/weights/history?from=1&limit=1"));
    assertEquals(1, page.get("versions").size());
    assertEquals(1, page.get("versions").get(0).get("version").asInt());
    assertEquals("TUNED", page.get("versions").get(0).get("change").asText());

    String badLimit = "limit must be a whole number within 1.." + SsqRoutes.MAX_LIMIT;
    assertError(400, badLimit, get(running, "/api/weights/history?limit=0"));
    assertError(400, badLimit, get(running, "/api/weights/history?limit=501"));
    assertError(400, "from must be a whole number >= 0 (a weights version)", get(running, "/api/weights/history?from=-1"));
    assertEquals(400, get(running, "/api/weights/history?from=abc").statusCode());
  }

  @Test
  void aRollbackNeedsTheKeyAValidBodyAndAVersionTheLoopCanRestore() throws Exception {
    String body = "{\"version\":1,\"reason\":\"v2 overfits\"}";
    assertEquals(401, post(running, "/api/weights/rollback", body, null).statusCode());
    assertEquals(401, post(running, "/api/weights/rollback", body, "wrong").statusCode());

    JsonNode restored = ok(post(running, "/api/weights/rollback", body, KEY));
    assertEquals(3, restored.get("version").asInt());
    assertEquals("ROLLED_BACK", restored.get("change").asText());
    assertEquals("to v1: v2 overfits", restored.get("detail").asText());
    assertEquals("to v0: rolled back through the API", ok(post(running, "/api/weights/rollback", "{\"version\":0}", KEY)).get("detail").asText());

    // the loop's refusal is a 400 with its own words
    assertError(400, "no earlier version 2 to roll back to (live is 2)", post(running, "/api/weights/rollback", "{\"version\":2}", KEY));
    for (String bad : List.of("{}", "{\"version\":-1}", "null", "{\"version\":\"one\"}", "{not json", "")) {
      assertEquals(400, post(running, "/api/weights/rollback", bad, KEY).statusCode(), bad);
    }
    assertEquals(400, post(running, "/api/weights/rollback", "{\"version\":1,\"reason\":\"" + "x".repeat(501) + "\"}", KEY).statusCode());
  }

  @Test
  void decisionsAndStrategiesAreListed() throws Exception {
    JsonNode decisions = ok(get(running, "/api/autorl/decisions"));
    assertEquals(1, decisions.get("total").asInt());
    JsonNode decision = decisions.get("decisions").get(0);
    assertTrue(decision.get("promoted").asBoolean());
    assertEquals("blend", decision.get("evidence").get("method").asText());
    assertEquals(1, ok(get(running, "/api/autorl/decisions?limit=1")).get("decisions").size());
    assertEquals(400, get(running, "/api/autorl/decisions?limit=0").statusCode());
    assertEquals(400, get(running, "/api/autorl/decisions?limit=many").statusCode());

    JsonNode strategies = ok(get(running, "/api/strategies"));
    assertEquals(2, strategies.size());
    assertEquals("frequency", strategies.get(0).get("name").asText());
    assertEquals(0.6, strategies.get(0).get("weight").asDouble());
  }

  @Test
  void runsAreAcceptedOnlyWithTheKey() throws Exception {
    assertEquals(401, post(running, "/api/tuner/run", "", null).statusCode());
    assertEquals(401, post(running, "/api/autorl/run", "", "wrong").statusCode());
    HttpResponse<String> tuner = post(running, "/api/tuner/run", "", KEY);
    assertEquals(202, tuner.statusCode(), tuner.body());
    assertEquals(FixedPredictions.TUNER.task(), json(tuner).get("task").asText());
    HttpResponse<String> autoRl = post(running, "/api/autorl/run", "", KEY);
    assertEquals(202, autoRl.statusCode(), autoRl.body());
    assertEquals(FixedPredictions.AUTORL.status(), json(autoRl).get("status").asText());
    assertEquals(405, get(running, "/api/tuner/run").statusCode());
  }

  @Test
  void theEvaluationIsServedAsJsonOrMarkdown() throws Exception {
    HttpResponse<String> report = get(running, "/api/evaluation");
    JsonNode body = ok(report);
    assertEquals("application/json", report.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(FixedPredictions.report().draws(), body.get("draws").asInt());
    assertTrue(body.get("rows").size() > 1 && body.has("verdict"));

    HttpResponse<String> markdown = get(running, "/api/evaluation?window=10&format=md");
    assertEquals(200, markdown.statusCode());
    assertEquals("text/markdown; charset=UTF-8", markdown.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(markdown.body().startsWith("# SSQ evaluation: live"), markdown.body());

    assertError(400, "format must be json or md", get(running, "/api/evaluation?format=xml"));
    assertEquals(400, get(running, "/api/evaluation?window=-1").statusCode());
    assertEquals(400, get(running, "/api/evaluation?window=ten").statusCode());
    HttpResponse<String> notYet = get(starting, "/api/evaluation");
    assertError(503, "fewer than 2 draws are reviewed", notYet);
    assertEquals("not ready", json(notYet).get("error").asText());
  }

  @Test
  void chartsArePngsAndAnUnknownOneIsA404ListingTheCharts() throws Exception {
    HttpResponse<byte[]> png =
        client.send(HttpRequest.newBuilder(URI.create(running + "/api/charts/weights.png")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, png.statusCode());
    assertEquals("image/png", png.headers().firstValue("Content-Type").orElseThrow());
    assertArrayEquals(FixedPredictions.PNG, png.body());

    HttpResponse<String> unknown = get(running, "/api/charts/luck.png");
    assertEquals(404, unknown.statusCode());
    assertEquals("[\"weights.png\",\"red-hits.png\",\"log-loss.png\"]", json(unknown).get("charts").toString());
    assertEquals(404, get(running, "/api/charts/weights.gif").statusCode());
    assertTrue(
        registry.get(HttpMetrics.REQUESTS).tags("route", "/api/charts/{name}.png", "status", "404").timer().count() >= 2,
        "an unknown chart is measured under the chart template");
  }

  @Test
  void aNodeWithoutTheLoopAnswers503EverywhereEvenToWritesWithTheKey() throws Exception {
    String reason = "the prediction loop does not run on this node";
    for (String path : List.of("/api/predictions/latest", "/api/predictions/1", "/api/weights", "/api/weights/history", "/api/autorl/decisions",
        "/api/strategies", "/api/evaluation", "/api/charts/weights.png")) {
      assertError(503, reason, get(notRunning, path));
    }
    assertError(503, reason, post(notRunning, "/api/tuner/run", "", KEY));
    assertError(503, reason, post(notRunning, "/api/weights/rollback", "{\"version\":1}", KEY));
    assertEquals(401, post(notRunning, "/api/autorl/run", "", null).statusCode(), "the key is checked first");
  }

  @Test
  void anIllegalArgumentThatIsNotTheLoopsRefusalIsA500ThatNamesNoInternals() throws Exception {
    HttpResponse<String> response = get(buggy, "/api/strategies");
    assertEquals(500, response.statusCode());
    assertFalse(response.body().contains(SECRET), response.body());
  }
}
