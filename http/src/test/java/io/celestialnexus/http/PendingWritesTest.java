package io.celestialnexus.http;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A draw posted while the journal refuses writes (an H2 journal whose table the test takes away) is answered 202
 * PENDING with where to look, never 503; once the journal is back, posting it again is safe and the draw is there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PendingWritesTest {

  private static final String KEY = "pending-key";

  private TestDatabase db;
  private ActorTestKit testKit;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpClient client = HttpClient.newHttpClient();
  private String base;

  @BeforeAll
  void start() throws Exception {
    db = TestDatabase.h2(Files.createTempDirectory("pending-writes")).withSchema();
    testKit = ActorTestKit.create("pending-writes", db.actorSystemConfig(""));
    var settings = new StateSettings(Duration.ofMillis(200), ofSeconds(1), 0.2);
    var draws = testKit.spawn(DrawHistory.create(DrawHistory.SSQ, settings, Clock.systemUTC(), testKit.spawn(DrawHistory.topic())));
    var store = new HistoryDrawStore(draws, testKit.scheduler(), ofSeconds(1));
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

  private HttpResponse<String> post(String path, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + KEY)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String draw(int issue) {
    return "{\"issue\":" + issue + ",\"date\":\"2026-03-0" + (issue % 9 + 1) + "\",\"reds\":[1,2,3,4,5,6],\"blue\":7}";
  }

  @Test
  void aDrawTheJournalCannotConfirmIsAcceptedAsPendingAndPostingItAgainLaterIsSafe() throws Exception {
    db.execute("ALTER TABLE \"event_journal\" RENAME TO \"event_journal_away\"");
    HttpResponse<String> first = post("/api/draws", draw(2026011));
    HttpResponse<String> second = post("/api/draws", draw(2026012));
    for (var response : java.util.List.of(first, second)) {
      assertEquals(202, response.statusCode(), response.body());
      JsonNode body = StatusJson.mapper().readTree(response.body());
      assertEquals("PENDING", body.get("status").asText());
      String location = body.get("location").asText();
      assertEquals(location, response.headers().firstValue("Location").orElse(""));
      assertTrue(location.startsWith("/api/draws/2026"), location);
      assertTrue(body.get("detail").asText().contains("idempotent"), body.toString());
    }
    assertEquals(2.0, registry.get(PendingWrites.PENDING).tag("route", "/api/draws").counter().count());

    db.execute("ALTER TABLE \"event_journal_away\" RENAME TO \"event_journal\"");
    // the client's way out: post the same draw again until it is confirmed (201 now or 200 stored meanwhile), then see it
    TestProbe<Object> probe = testKit.createTestProbe();
    for (int issue : new int[] {2026011, 2026012}) {
      int status =
          probe.awaitAssert(
              Duration.ofSeconds(30),
              () -> {
                int code = post("/api/draws", draw(issue)).statusCode();
                assertTrue(code == 200 || code == 201, "status " + code);
                return code;
              });
      assertTrue(status == 200 || status == 201);
      assertEquals(200, get("/api/draws/" + issue).statusCode());
      HttpResponse<String> again = post("/api/draws", draw(issue));
      assertEquals(200, again.statusCode(), again.body());
      assertEquals(false, StatusJson.mapper().readTree(again.body()).get("added").asBoolean());
    }
  }
}
