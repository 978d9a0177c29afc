package io.celestialnexus.http;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.engine.backup.BackupSource;
import io.celestialnexus.engine.device.DeviceDirectory;
import io.celestialnexus.engine.device.DeviceRequestRejected;
import io.celestialnexus.engine.device.DeviceView;
import io.celestialnexus.engine.device.OutgoingReceipt;
import io.celestialnexus.engine.device.OutgoingRequest;
import io.celestialnexus.engine.ssq.loop.PredictionService;
import io.celestialnexus.engine.status.BoardStatusPort;
import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.engine.status.StatusJson;
import io.celestialnexus.engine.status.StatusPort;
import io.celestialnexus.engine.status.TaskState;
import io.celestialnexus.engine.support.EngineClock;
import io.celestialnexus.engine.task.SupervisorTaskControl;
import io.celestialnexus.engine.task.TaskControl;
import io.celestialnexus.engine.task.TaskSupervisor;
import io.celestialnexus.engine.testing.TestEngineSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The phones' API on a real port, over a directory of one phone that answers as the bridge does. */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceRoutesTest {

  private static final String KEY = "phone-key";
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};

  @JUnit5TestKit public ActorTestKit testKit = ActorTestKit.create();

  private final HttpClient client = HttpClient.newHttpClient();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final OnePhone phone = new OnePhone();
  private StatusPort status;
  private TaskControl tasks;
  private String withKey;
  private String withoutKey;

  /** phone-1 is known and running; phone-2 is known and backing off; anything else is unknown. */
  private static final class OnePhone implements DeviceDirectory {
    final ConcurrentLinkedQueue<OutgoingRequest> sent = new ConcurrentLinkedQueue<>();
    final DeviceView view =
        new DeviceView(
            "phone-1", "direct 10.0.0.7:5555", "config", TaskState.RUNNING, Instant.parse("2026-11-22T01:00:00Z"), "8.0.48",
            "WeChat 8.0.48: selector set wechat-8-0-4x", false, 0, 3, 2, 0, 1, null, null,
            List.of(new DeviceView.DeadLetter("k1", "张三", "你好", 3, "chat '张三' is not on the chat list", Instant.EPOCH)),
            List.of(new DeviceView.Queued(
                "k2", "李四", "明天见", 3, 1, 1, false, Instant.parse("2026-11-22T00:59:00Z"), 60, "the phone failed mid-send: connection lost")));

    @Override
    public CompletionStage<List<DeviceView>> devices() {
      return CompletableFuture.completedFuture(List.of(view));
    }

    @Override
    public CompletionStage<Optional<DeviceView>> device(String serial) {
      return CompletableFuture.completedFuture(serial.equals("phone-1") ? Optional.of(view) : Optional.empty());
    }

    @Override
    public CompletionStage<byte[]> screenshot(String serial) {
      return switch (serial) {
        case "phone-1" -> CompletableFuture.completedFuture(PNG);
        case "phone-2" -> CompletableFuture.failedFuture(new DeviceRequestRejected(DeviceRequestRejected.Reason.UNAVAILABLE, "phone-2 is BACKOFF: refused"));
        default -> CompletableFuture.failedFuture(DeviceRequestRejected.unknownDevice(serial));
      };
    }

    @Override
    public CompletionStage<OutgoingReceipt> send(String serial, OutgoingRequest request) {
      if (!serial.equals("phone-1")) {
        return CompletableFuture.failedFuture(DeviceRequestRejected.unknownDevice(serial));
      }
      if (request.text() == null || request.text().isBlank()) {
        return CompletableFuture.failedFuture(new DeviceRequestRejected(DeviceRequestRejected.Reason.INVALID, "text is required and must not be blank"));
      }
      if ("sent-before".equals(request.key())) {
        return CompletableFuture.completedFuture(new OutgoingReceipt(serial, request.key(), OutgoingReceipt.Status.SENT, 0));
      }
      sent.add(request);
      return CompletableFuture.completedFuture(
          new OutgoingReceipt(serial, request.key() == null ? "chosen-key" : request.key(), OutgoingReceipt.Status.QUEUED, sent.size()));
    }

    /** Only phone-1's dead letter k1 can be replayed. */
    @Override
    public CompletionStage<OutgoingReceipt> replay(String serial, String key) {
      if (!serial.equals("phone-1")) {
        return CompletableFuture.failedFuture(DeviceRequestRejected.unknownDevice(serial));
      }
      if (!key.equals("k1")) {
        return CompletableFuture.failedFuture(
            new DeviceRequestRejected(DeviceRequestRejected.Reason.UNKNOWN_MESSAGE, "phone-1 keeps no dead letter with key '" + key + "'"));
      }
      return CompletableFuture.completedFuture(new OutgoingReceipt(serial, key, OutgoingReceipt.Status.QUEUED, 2));
    }
  }

  @BeforeAll
  void bind() throws Exception {
    var settings = TestEngineSettings.settings(Files.createTempDirectory("device-routes"), "");
    var board = testKit.spawn(StatusBoard.create(settings.status(), Clock.systemUTC(), registry, "test"));
    var supervisor = testKit.spawn(TaskSupervisor.create(List.of(), board, EngineClock.system(), registry, 50));
    status = new BoardStatusPort(board, testKit.scheduler(), ofSeconds(3));
    tasks = new SupervisorTaskControl(supervisor, testKit.scheduler(), ofSeconds(3));
    withKey = "http://127.0.0.1:" + bind(KEY);
    withoutKey = "http://127.0.0.1:" + bind("");
  }

  private int bind(String apiKey) throws Exception {
    var settings = new HttpSettings(new HttpSettings.Listener("127.0.0.1", 0), apiKey, ofSeconds(1));
    var routes =
        new ApiRoutes(
            status, tasks, Unasked.draws(), phone, PredictionService.unavailable(), BackupSource.unavailable(), settings, registry, java.util.Optional.empty());
    return NexusHttpServer.bind(testKit.system(), settings.api(), routes.route(), ofSeconds(1))
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS)
        .localAddress()
        .getPort();
  }

  @Test
  void listsThePhonesWithTheirStateAndDeadLetters() throws Exception {
    JsonNode phones = json(get(withKey + "/api/devices"), 200);
    assertEquals(1, phones.size());
    JsonNode first = phones.get(0);
    assertEquals("phone-1", first.get("serial").asText());
    assertEquals("RUNNING", first.get("state").asText());
    assertEquals("8.0.48", first.get("wechatVersion").asText());
    assertEquals("2026-11-22T01:00:00Z", first.get("lastSeen").asText());
    assertEquals("chat '张三' is not on the chat list", first.get("deadLetters").get(0).get("reason").asText());
  }

  @Test
  void onePhoneByItsSerialOr404() throws Exception {
    JsonNode one = json(get(withKey + "/api/devices/phone-1"), 200);
    assertEquals("direct 10.0.0.7:5555", one.get("connection").asText());
    JsonNode queued = one.get("queued").get(0);
    assertEquals("李四", queued.get("chat").asText());
    assertEquals("明天见", queued.get("preview").asText());
    assertEquals(3, queued.get("length").asInt());
    assertEquals(1, queued.get("attempts").asInt());
    assertEquals(60, queued.get("ageSeconds").asInt());
    assertEquals("2026-11-22T00:59:00Z", queued.get("queuedAt").asText());
    assertEquals("the phone failed mid-send: connection lost", queued.get("lastFailure").asText());
    JsonNode dead = one.get("deadLetters").get(0);
    assertEquals("张三", dead.get("chat").asText());
    assertEquals("chat '张三' is not on the chat list", dead.get("reason").asText());
    assertEquals("1970-01-01T00:00:00Z", dead.get("at").asText());
    assertEquals("no phone with serial 'phone-9'", json(get(withKey + "/api/devices/phone-9"), 404).get("detail").asText());
  }

  @Test
  void aScreenshotIsAPng() throws Exception {
    HttpResponse<byte[]> response =
        client.send(
            HttpRequest.newBuilder(URI.create(withKey + "/api/devices/phone-1/screenshot.png")).header("Authorization", "Bearer " + KEY).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, response.statusCode());
    assertEquals("image/png", response.headers().firstValue("Content-Type").orElse(""));
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
    assertArrayEquals(PNG, response.body());
  }

  @Test
  void aScreenshotOfAPhoneThatIsAwayIs503AndOfAnUnknownOne404() throws Exception {
    JsonNode away = json(get(withKey + "/api/devices/phone-2/screenshot.png"), 503);
    assertEquals("phone unavailable", away.get("error").asText());
    assertTrue(away.get("detail").asText().contains("BACKOFF"));
    json(get(withKey + "/api/devices/phone-9/screenshot.png"), 404);
  }

  @Test
  void phonesScreensAndDeadLettersNeedAKeyEvenFromLoopback() throws Exception {
    for (String path : List.of("/api/devices", "/api/devices/phone-1", "/api/devices/phone-1/screenshot.png")) {
      HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(URI.create(withKey + path)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(401, anonymous.statusCode(), path);
      assertFalse(anonymous.body().contains("张三"), anonymous.body());
    }
  }

  @Test
  void sendingNeedsTheApiKey() throws Exception {
    assertTrue(json(post(withoutKey + "/api/devices/phone-1/messages", "{\"chat\":\"张三\",\"text\":\"你好\"}", null), 403)
        .get("detail").asText().contains("NEXUS_API_KEY"));
    json(post(withKey + "/api/devices/phone-1/messages", "{\"chat\":\"张三\",\"text\":\"你好\"}", null), 401);
    json(post(withKey + "/api/devices/phone-1/messages", "{\"chat\":\"张三\",\"text\":\"你好\"}", "wrong"), 401);
  }

  @Test
  void aQueuedMessageIs202WithItsKeyAndARepeatedKey200() throws Exception {
    JsonNode queued = json(post(withKey + "/api/devices/phone-1/messages", "{\"chat\":\"张三\",\"text\":\"你好\",\"key\":\"k-42\"}", KEY), 202);
    assertEquals("k-42", queued.get("key").asText());
    assertEquals("QUEUED", queued.get("status").asText());
    assertTrue(phone.sent.contains(new OutgoingRequest("张三", "你好", "k-42")));
    assertEquals("chosen-key", json(post(withKey + "/api/devices/phone-1/messages", "{\"chat\":\"张三\",\"text\":\"在吗\"}", KEY), 202).get("key").asText());
    assertEquals("SENT", json(post(withKey + "/api/devices/phone-1/messages", "{\"chat\":\"张三\",\"text\":\"你好\",\"key\":\"sent-before\"}", KEY), 200)
        .get("status").asText());
  }

  @Test
  void aDeadLetterIsReplayedByItsKeyWithAnAdminKey() throws Exception {
    JsonNode replayed = json(post(withKey + "/api/devices/phone-1/dead-letters/k1/replay", "", KEY), 202);
    assertEquals("k1", replayed.get("key").asText());
    assertEquals("QUEUED", replayed.get("status").asText());
    assertEquals(
        "phone-1 keeps no dead letter with key 'k9'", json(post(withKey + "/api/devices/phone-1/dead-letters/k9/replay", "", KEY), 404).get("detail").asText());
    json(post(withKey + "/api/devices/phone-9/dead-letters/k1/replay", "", KEY), 404);
    json(post(withKey + "/api/devices/phone-1/dead-letters/k1/replay", "", null), 401);
  }

  @Test
  void badBodiesAre400AndCounted() throws Exception {
    JsonNode blank = json(post(withKey + "/api/devices/phone-1/messages", "{\"chat\":\"张三\",\"text\":\"  \"}", KEY), 400);
    assertEquals("invalid message", blank.get("error").asText());
    assertEquals("text is required and must not be blank", blank.get("detail").asText());
    json(post(withKey + "/api/devices/phone-1/messages", "{\"chat\":\"张三\",", KEY), 400);
    json(post(withKey + "/api/devices/phone-1/messages", "{\"chat\":\"张三\",\"text\":\"你好\",\"urgent\":true}", KEY), 400);
    json(post(withKey + "/api/devices/phone-9/messages", "{\"chat\":\"张三\",\"text\":\"你好\"}", KEY), 404);
    String metrics = get(withKey + "/metrics").body();
    assertTrue(
        metrics.contains("http_server_requests_seconds_count{method=\"POST\",route=\"/api/devices/{serial}/messages\",status=\"400\"} 3\n"),
        metrics);
  }

  /** A GET with the key: phones are never shown without one. */
  private HttpResponse<String> get(String url) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, String body, String bearer) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), response.body());
    assertFalse(response.body().contains("\tat "));
    return StatusJson.mapper().readTree(response.body());
  }
}
