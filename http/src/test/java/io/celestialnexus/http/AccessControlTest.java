package io.celestialnexus.http;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.celestialnexus.engine.backup.BackupSource;
import io.celestialnexus.engine.chaos.ChaosAssaults;
import io.celestialnexus.engine.device.DeviceDirectory;
import io.celestialnexus.engine.runtime.RuntimeSettings;
import io.celestialnexus.engine.ssq.loop.PredictionService;
import io.celestialnexus.engine.status.BoardStatusPort;
import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.engine.status.StatusJson;
import io.celestialnexus.engine.status.StatusPort;
import io.celestialnexus.engine.support.EngineClock;
import io.celestialnexus.engine.task.SupervisorTaskControl;
import io.celestialnexus.engine.task.Task;
import io.celestialnexus.engine.task.TaskControl;
import io.celestialnexus.engine.task.TaskSupervisor;
import io.celestialnexus.engine.testing.ScriptedTask;
import io.celestialnexus.engine.testing.TestEngineSettings;
import io.celestialnexus.engine.testing.TestSettings;
import io.celestialnexus.http.access.AccessSettings;
import io.celestialnexus.http.access.KeyRing;
import io.celestialnexus.persistence.backup.BackupManifest;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * Who may call what on the api listener, on real ports: anonymous loopback reads, proxied callers, keys of each
 * scope (one configured hashed), keys in URLs, wrong keys counted and throttled, and every route covered.
 */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlTest {

  private static final String READ_KEY = "read-secret-1";
  private static final String OPERATE_KEY = "operate-secret-2";
  private static final String ADMIN_KEY = "admin-secret-3";
  private static final byte[] BACKUP = "backup body".getBytes(StandardCharsets.UTF_8);

  @JUnit5TestKit public ActorTestKit testKit = ActorTestKit.create();

  private final HttpClient client = HttpClient.newHttpClient();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private StatusPort status;
  private TaskControl tasks;
  private ApiRoutes routes;
  private String node;
  private String noAnonymous;

  @BeforeAll
  void startNode() throws Exception {
    RuntimeSettings settings = TestEngineSettings.settings(Files.createTempDirectory("access-test"), "");
    ActorRef<StatusBoard.Command> board = testKit.spawn(StatusBoard.create(settings.status(), Clock.systemUTC(), registry, "test"));
    Task steady = new ScriptedTask("steady", TestSettings.every(ofSeconds(30)), (n, context) -> Map.of("round", n));
    var supervisor = testKit.spawn(TaskSupervisor.create(List.of(steady), board, EngineClock.system(), registry, 50));
    status = new BoardStatusPort(board, testKit.scheduler(), ofSeconds(3));
    tasks = new SupervisorTaskControl(supervisor, testKit.scheduler(), ofSeconds(3));
    String keys =
        "viewer:read:" + READ_KEY + ", robot:operate:" + OPERATE_KEY + ",boss:admin:sha256:"
            + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ADMIN_KEY.getBytes(StandardCharsets.UTF_8)));
    var access = AccessSettings.withKeys(KeyRing.of("", keys));
    routes = routes(access, registry);
    node = bind(routes);
    noAnonymous = bind(routes(new AccessSettings(access.keys(), false, 10, Duration.ofMinutes(1), 100), registry));
  }

  private ApiRoutes routes(AccessSettings access, PrometheusMeterRegistry meters) {
    var http = new HttpSettings(new HttpSettings.Listener("127.0.0.1", 0), "", ofSeconds(1)).withAccess(access);
    var chaos = new ChaosAssaults(Set.of("steady"), 10, EngineClock.system(), meters);
    return new ApiRoutes(
        status, tasks, Unasked.draws(), DeviceDirectory.unavailable(), PredictionService.unavailable(), backup(), http, meters, Optional.of(chaos));
  }

  /** A store of one line: enough to see who gets it. */
  private static BackupSource backup() {
    // off the caller's thread, as the node's source does: the stream takes the bytes only once it runs
    return out ->
        CompletableFuture.supplyAsync(
            () -> {
              try (out) {
                out.write(BACKUP);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              return new BackupManifest(BackupManifest.FORMAT, "test", "h2", Instant.EPOCH, Map.of(), "none");
            });
  }

  private String bind(ApiRoutes served) throws Exception {
    var binding =
        NexusHttpServer.bind(testKit.system(), new HttpSettings.Listener("127.0.0.1", 0), served.route(), ofSeconds(1))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    return "http://127.0.0.1:" + binding.localAddress().getPort();
  }

  private HttpResponse<String> send(String method, String url, String key, String... headers) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response, int status) throws IOException {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), response.body());
    return StatusJson.mapper().readTree(response.body());
  }

  private double failures(String reason) {
    var counter = registry.find(ApiKeyAuth.FAILURES).tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void anonymousLoopbackReadsStatusTasksMetricsAndDocsButNeverPhonesOrBackups() throws Exception {
    assertEquals(200, send("GET", node + "/status", null).statusCode());
    assertEquals(200, send("GET", node + "/api/tasks", null).statusCode());
    assertEquals(200, send("GET", node + "/metrics", null).statusCode());
    assertEquals(200, send("GET", node + "/api/openapi.yaml", null).statusCode());
    for (String secret : List.of("/api/devices", "/api/devices/phone-1", "/api/devices/phone-1/screenshot.png", "/api/backup")) {
      var refused = send("GET", node + secret, null);
      assertEquals(401, refused.statusCode(), secret);
      assertTrue(refused.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer realm=\"nexus\""), secret);
    }
    json(send("POST", node + "/api/tasks/steady/run", null), 401);
  }

  @Test
  void healthAnswersAnyoneEvenThroughAProxy() throws Exception {
    for (String probe : List.of("/health/live", "/health", "/health/ready")) {
      int code = send("GET", noAnonymous + probe, null, "X-Forwarded-For", "203.0.113.9").statusCode();
      assertTrue(code == 200 || code == 503, probe + " answered " + code);
    }
  }

  @Test
  void aRequestThroughAProxyIsNotLoopback() throws Exception {
    json(send("GET", node + "/status", null, "X-Forwarded-For", "203.0.113.9"), 401);
    json(send("GET", node + "/api/tasks", null, "Forwarded", "for=203.0.113.9"), 401);
    json(send("GET", node + "/metrics", null, "X-Real-IP", "203.0.113.9"), 401);
    assertEquals(200, send("GET", node + "/status", READ_KEY, "X-Forwarded-For", "203.0.113.9").statusCode());
  }

  @Test
  void withAnonymousReadNoneEvenLoopbackNeedsAKey() throws Exception {
    json(send("GET", noAnonymous + "/status", null), 401);
    json(send("GET", noAnonymous + "/metrics", null), 401);
    assertEquals(200, send("GET", noAnonymous + "/status", READ_KEY).statusCode());
  }

  @Test
  void aReadKeyCannotRunATaskAnOperateKeyCan() throws Exception {
    JsonNode refused = json(send("POST", node + "/api/tasks/steady/run", READ_KEY), 403);
    assertEquals("key 'viewer' has scope read; this needs operate", refused.get("detail").asText());
    assertFalse(refused.toString().contains(READ_KEY));
    assertEquals(200, send("POST", node + "/api/tasks/steady/run", OPERATE_KEY).statusCode());
    assertEquals(200, send("POST", node + "/api/tasks/steady/run", ADMIN_KEY).statusCode());
  }

  @Test
  void phonesNeedAKeyOfTheReadScopeSendingAndChaosAdmin() throws Exception {
    // past the guard: this node has no phones, an empty list
    assertEquals("[]", json(send("GET", node + "/api/devices", READ_KEY), 200).toString());
    json(send("POST", node + "/api/devices/phone-1/messages", OPERATE_KEY), 403);
    json(send("POST", node + "/api/chaos/tasks/steady", OPERATE_KEY), 403);
    json(send("DELETE", node + "/api/chaos/tasks/steady", ADMIN_KEY), 200);
  }

  @Test
  void onlyAnAdminKeyBacksUp() throws Exception {
    json(send("GET", node + "/api/backup", OPERATE_KEY), 403);
    HttpResponse<String> backup = send("GET", node + "/api/backup", ADMIN_KEY);
    assertEquals(200, backup.statusCode());
    assertEquals("backup body", backup.body());
  }

  @Test
  void anAdminListsTheKeysByNameAndScopeNeverTheirSecrets() throws Exception {
    json(send("GET", node + "/api/keys", OPERATE_KEY), 403);
    HttpResponse<String> listed = send("GET", node + "/api/keys", ADMIN_KEY);
    assertEquals(
        "[{\"name\":\"viewer\",\"scope\":\"read\"},{\"name\":\"robot\",\"scope\":\"operate\"},{\"name\":\"boss\",\"scope\":\"admin\"}]",
        json(listed, 200).toString());
    for (String secret : List.of(READ_KEY, OPERATE_KEY, ADMIN_KEY, "sha256")) {
      assertFalse(listed.body().contains(secret), listed.body());
    }
  }

  @Test
  void aKeyInTheUrlIsRefusedEvenAValidOne() throws Exception {
    double before = failures("url");
    for (String url : List.of("/status?access_token=" + ADMIN_KEY, "/api/backup?api_key=" + ADMIN_KEY, "/health?access_token=x")) {
      JsonNode refused = json(send("GET", node + url, null), 400);
      assertTrue(refused.get("detail").asText().contains("Authorization: Bearer"), refused.toString());
      assertFalse(refused.toString().contains(ADMIN_KEY));
    }
    assertEquals(before + 3, failures("url"));
  }

  @Test
  void aWrongKeyIs401WithTheChallengeAndCounted() throws Exception {
    double before = failures("wrong");
    HttpResponse<String> wrong = send("GET", node + "/status", "not-a-key", "X-Real-IP", "198.51.100.1");
    JsonNode body = json(wrong, 401);
    assertEquals("Bearer realm=\"nexus\"", wrong.headers().firstValue("WWW-Authenticate").orElse(""));
    assertEquals("the key is not valid", body.get("detail").asText());
    assertEquals(before + 1, failures("wrong"));
    String metrics = send("GET", node + "/metrics", READ_KEY).body();
    assertTrue(metrics.contains("nexus_http_auth_failures_total{reason=\"wrong\"}"), metrics);
    assertFalse(metrics.contains(READ_KEY) || metrics.contains(ADMIN_KEY) || metrics.contains(OPERATE_KEY));
  }

  @Test
  void repeatedWrongKeysFromOneClientAreRefusedForTheRestOfTheWindow() throws Exception {
    var meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    var access = new AccessSettings(KeyRing.of(ADMIN_KEY, ""), true, 3, Duration.ofMinutes(10), 100);
    String guarded = bind(routes(access, meters));
    for (int attempt = 1; attempt <= 3; attempt++) {
      json(send("GET", guarded + "/status", "guess-" + attempt), 401);
    }
    HttpResponse<String> slowed = send("GET", guarded + "/status", ADMIN_KEY);
    json(slowed, 429);
    long retryAfter = Long.parseLong(slowed.headers().firstValue("Retry-After").orElse("0"));
    assertTrue(retryAfter > 500 && retryAfter <= 600, "Retry-After " + retryAfter);
    assertEquals(1, meters.get(ApiKeyAuth.FAILURES).tag("reason", "throttled").counter().count());
    // behind nginx each client is its X-Real-IP: another one is not slowed by the first
    assertEquals(200, send("GET", guarded + "/status", ADMIN_KEY, "X-Real-IP", "198.51.100.7").statusCode());
    // and keyless loopback reads are not guesses: they still answer
    assertEquals(200, send("GET", guarded + "/status", null).statusCode());
  }

  @Test
  void everyOperationAnswersTheScopeTheApiDescriptionGivesIt() throws Exception {
    JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(send("GET", node + "/api/openapi.yaml", READ_KEY).body());
    Map<String, String> keyBelow = Map.of("operate", READ_KEY, "admin", OPERATE_KEY);
    Map<String, String> keyOf = Map.of("read", READ_KEY, "operate", OPERATE_KEY, "admin", ADMIN_KEY);
    int checked = 0;
    for (Map.Entry<String, JsonNode> entry : spec.get("paths").properties()) {
      String path = concrete(entry.getKey());
      for (Map.Entry<String, JsonNode> operation : entry.getValue().properties()) {
        if (operation.getKey().equals("parameters")) {
          continue;
        }
        String method = operation.getKey().toUpperCase(java.util.Locale.ROOT);
        String scope = operation.getValue().path("x-scope").asText("");
        String what = method + " " + entry.getKey() + " (" + scope + ")";
        assertTrue(Set.of("none", "read", "operate", "admin").contains(scope), what + " names its scope");
        if (scope.equals("none")) {
          assertTrue(operation.getValue().get("security").isEmpty(), what);
          continue;
        }
        assertEquals(401, send(method, node + path, null, "X-Forwarded-For", "203.0.113.9").statusCode(), what);
        if (keyBelow.containsKey(scope)) {
          assertEquals(403, send(method, node + path, keyBelow.get(scope)).statusCode(), what);
        }
        int allowed = send(method, node + path, keyOf.get(scope)).statusCode();
        assertTrue(allowed != 401 && allowed != 403 && allowed != 429, what + " with its scope answered " + allowed);
        checked++;
      }
    }
    assertTrue(checked > 30, "operations checked: " + checked);
  }

  private static String concrete(String template) {
    return template.replace("{name}.png", "weights.png").replace("{name}", "steady").replace("{serial}", "phone-1")
        .replace("{issue}", "1").replace("{action}", "run").replace("{asset}", "swagger-ui.css").replace("{key}", "k1");
  }

  @Test
  void noKeyEverReachesTheLogEvenAtDebug() throws Exception {
    var root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    var events = new ListAppender<ILoggingEvent>();
    events.start();
    root.addAppender(events);
    try {
      var access = new AccessSettings(KeyRing.of(ADMIN_KEY, "viewer:read:" + READ_KEY), true, 2, Duration.ofMinutes(10), 100);
      String guarded = bind(routes(access, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
      for (int attempt = 0; attempt < 3; attempt++) {
        send("GET", guarded + "/status", "leaked-guess-" + attempt, "X-Real-IP", "10.0.0.1");
      }
      send("GET", guarded + "/status?access_token=" + ADMIN_KEY, null);
      send("POST", guarded + "/api/tasks/steady/run", READ_KEY);
      send("GET", guarded + "/api/backup", ADMIN_KEY);
    } finally {
      root.detachAppender(events);
    }
    List<String> lines = events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertTrue(lines.stream().anyMatch(line -> line.contains("wrong API keys from")), lines.toString());
    for (String line : lines) {
      for (String secret : List.of(ADMIN_KEY, READ_KEY, "leaked-guess")) {
        assertFalse(line.contains(secret), "logged: " + line);
      }
    }
  }

  @Test
  void everyRouteButHealthRefusesAnAnonymousCallerFromOutside() throws Exception {
    Set<String> open = Set.of("/health", "/health/live", "/health/ready", "unmatched", "key in url");
    for (String template : routes.templates()) {
      if (open.contains(template)) {
        continue;
      }
      String path = concrete(template);
      int get = send("GET", node + path, null, "X-Forwarded-For", "203.0.113.9").statusCode();
      int post = send("POST", node + path, null, "X-Forwarded-For", "203.0.113.9").statusCode();
      assertTrue((get == 401 || get == 405) && (post == 401 || post == 405) && (get == 401 || post == 401), template + ": GET " + get + ", POST " + post);
    }
  }
}
