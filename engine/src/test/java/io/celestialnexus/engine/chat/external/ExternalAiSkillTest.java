package io.celestialnexus.engine.chat.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.typesafe.config.ConfigFactory;
import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.chat.router.ChatMetricNames;
import io.celestialnexus.engine.chat.router.ChatSettings;
import io.celestialnexus.engine.status.StatusJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fallback against a real HTTP server on a free loopback port speaking each protocol. */
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalAiSkillTest {

  /** What the server saw: the request line, headers that matter, and the body. */
  record Seen(String path, String contentType, String authorization, String body) {}

  /** How the server answers the next request. */
  @FunctionalInterface
  interface Answer {
    void answer(HttpExchange exchange) throws IOException;
  }

  private final ActorTestKit testKit = ActorTestKit.create();
  private SimpleMeterRegistry registry; // fresh per test: the bulkhead's gauges belong to one skill
  private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile CountDownLatch release;
  private volatile Answer answer;
  private HttpServer server;

  @BeforeEach
  void startServer() throws IOException {
    registry = new SimpleMeterRegistry();
    seen.clear();
    calls.set(0);
    release = new CountDownLatch(1);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          calls.incrementAndGet();
          seen.add(
              new Seen(
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  exchange.getRequestHeaders().getFirst("Authorization"),
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          answer.answer(exchange);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    release.countDown();
    server.stop(0);
  }

  @AfterAll
  void shutDown() {
    testKit.shutdownTestKit();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private ExternalAiSkill skill(String type, String path, String extra) {
    ChatSettings settings =
        ChatSettings.fromConfig(
            ConfigFactory.parseString(
                    "nexus.engine.chat.external { type = " + type + ", url = \"" + url(path) + "\", model = \"qwen\", api-key = \"k-123\"\n"
                        + extra + " }")
                .withFallback(ConfigFactory.load()));
    return ExternalAiSkill.create(settings.external(), registry, testKit.system().classicSystem().scheduler());
  }

  private static String reply(ExternalAiSkill skill, String text) throws Exception {
    ChatMessage message = ChatMessage.text(ChatMessage.Channel.OFFICIAL_ACCOUNT, "user-7", text, "k", Instant.EPOCH);
    return assertInstanceOf(ChatReply.Text.class, skill.reply(message).toCompletableFuture().get(10, TimeUnit.SECONDS)).content();
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private double outcomes(String outcome) {
    var counter = registry.find(ChatMetricNames.EXTERNAL_CALLS).tags("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void openAiChatCompletionsWithSystemPromptModelAndKey() throws Exception {
    answer = exchange -> respond(exchange, 200, "application/json", "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\" 你好！ \"}}]}");
    assertEquals("你好！", reply(skill("openai", "/v1/chat/completions", ""), "在吗"));
    Seen request = seen.remove();
    assertEquals("/v1/chat/completions", request.path());
    assertEquals("Bearer k-123", request.authorization());
    JsonNode body = StatusJson.mapper().readTree(request.body());
    assertEquals("qwen", body.get("model").asText());
    assertEquals("system", body.get("messages").get(0).get("role").asText());
    assertEquals("在吗", body.get("messages").get(1).get("content").asText());
  }

  @Test
  void ollamaChatWithoutStreaming() throws Exception {
    answer = exchange -> respond(exchange, 200, "application/json", "{\"message\":{\"role\":\"assistant\",\"content\":\"来自 ollama\"},\"done\":true}");
    assertEquals("来自 ollama", reply(skill("ollama", "/api/chat", ""), "hi"));
    JsonNode body = StatusJson.mapper().readTree(seen.remove().body());
    assertEquals(false, body.get("stream").asBoolean());
    assertEquals("hi", body.get("messages").get(1).get("content").asText());
  }

  @Test
  void customIsJsonInAndOut() throws Exception {
    answer = exchange -> respond(exchange, 200, "application/json", "{\"reply\":\"custom says hi\"}");
    assertEquals("custom says hi", reply(skill("custom", "/bot", ""), "hello"));
    JsonNode body = StatusJson.mapper().readTree(seen.remove().body());
    assertEquals("user-7", body.get("user").asText());
    assertEquals("hello", body.get("text").asText());
  }

  @Test
  void defaultIsAPlainTextPost() throws Exception {
    answer = exchange -> respond(exchange, 200, "text/plain; charset=utf-8", "纯文本回答\n");
    assertEquals("纯文本回答", reply(skill("default", "/plain", ""), "问题"));
    Seen request = seen.remove();
    assertEquals("问题", request.body());
    assertEquals("text/plain; charset=utf-8", request.contentType());
  }

  @Test
  void aSlowServiceGetsTheTimeoutMessage() throws Exception {
    answer =
        exchange -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    assertEquals("too slow", reply(skill("openai", "/slow", "timeout-seconds = 0.3, timeout-message = \"too slow\""), "hi"));
    assertEquals(1.0, outcomes("timeout"));
  }

  @Test
  void failuresGetTheErrorMessageAndOpenTheBreaker() throws Exception {
    answer = exchange -> respond(exchange, 500, "text/plain", "boom");
    ExternalAiSkill skill = skill("openai", "/broken", "error-message = \"down\", breaker { max-failures = 2, reset-timeout = 1h }");
    assertEquals("down", reply(skill, "1"));
    assertEquals("down", reply(skill, "2"));
    testKit.createTestProbe().awaitAssert(() -> {
      assertTrue(skill.breakerOpen());
      return null;
    });
    assertEquals("down", reply(skill, "3"));
    assertEquals(2, calls.get(), "an open breaker must not call the service");
    assertEquals(1.0, outcomes("breaker_open"));
  }

  @Test
  void fiftyAtOnceMeetFourInFlightEightQueuedAndTheRestBusyAtOnce() throws Exception {
    AtomicInteger active = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    answer =
        exchange -> {
          peak.accumulateAndGet(active.incrementAndGet(), Math::max);
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          active.decrementAndGet();
          respond(exchange, 200, "text/plain; charset=utf-8", "answered");
        };
    ExternalAiSkill skill =
        skill("default", "/slow-ai", "bulkhead { max-concurrent = 4, max-queued = 8, queue-wait = 20s, busy-message = \"busy now\" }");
    List<CompletableFuture<ChatReply>> replies = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ChatMessage message = ChatMessage.text(ChatMessage.Channel.OFFICIAL_ACCOUNT, "user-" + i, "question " + i, "k" + i, Instant.EPOCH);
      replies.add(skill.reply(message).toCompletableFuture());
    }
    // 38 are answered busy while the service still holds the first four: nobody over the bound waits for it
    var probe = testKit.createTestProbe();
    probe.awaitAssert(
        () -> {
          assertEquals(38, replies.stream().filter(CompletableFuture::isDone).count());
          assertEquals(4, active.get());
          return null;
        });
    assertEquals(4, gauge(ChatMetricNames.EXTERNAL_IN_FLIGHT));
    assertEquals(8, gauge(ChatMetricNames.EXTERNAL_QUEUED));
    assertEquals(38.0, registry.find(ChatMetricNames.EXTERNAL_REJECTED).tags("reason", "full").counter().count());
    for (CompletableFuture<ChatReply> done : replies.stream().filter(CompletableFuture::isDone).toList()) {
      assertEquals("busy now", assertInstanceOf(ChatReply.Text.class, done.get()).content());
    }
    release.countDown();
    for (CompletableFuture<ChatReply> reply : replies) {
      reply.get(10, TimeUnit.SECONDS);
    }
    assertEquals(12, calls.get(), "four in flight and the eight queued reached the service");
    assertEquals(4, peak.get(), "never more than four at once");
    assertEquals(12.0, outcomes("ok"));
    assertEquals(38.0, outcomes("busy"));
    assertEquals(0, gauge(ChatMetricNames.EXTERNAL_IN_FLIGHT));
  }

  @Test
  void aQueuedCallThatCannotStartInTimeGetsTheBusyReplyWithoutCallingTheService() throws Exception {
    answer =
        exchange -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          respond(exchange, 200, "text/plain; charset=utf-8", "late");
        };
    ExternalAiSkill skill =
        skill("default", "/one-slot", "bulkhead { max-concurrent = 1, max-queued = 1, queue-wait = 300ms, busy-message = \"busy now\" }");
    ChatMessage first = ChatMessage.text(ChatMessage.Channel.OFFICIAL_ACCOUNT, "a", "1", "k1", Instant.EPOCH);
    var holding = skill.reply(first).toCompletableFuture();
    testKit.createTestProbe().awaitAssert(() -> {
      assertEquals(1, calls.get());
      return null;
    });
    assertEquals("busy now", reply(skill, "2"));
    assertEquals(1.0, registry.find(ChatMetricNames.EXTERNAL_REJECTED).tags("reason", "queue_wait").counter().count());
    release.countDown();
    assertEquals("late", assertInstanceOf(ChatReply.Text.class, holding.get(10, TimeUnit.SECONDS)).content());
    assertEquals(1, calls.get());
  }

  private double gauge(String name) {
    return registry.find(name).gauge().value();
  }

  @Test
  void anAnswerWithoutTextIsAnError() throws Exception {
    answer = exchange -> respond(exchange, 200, "application/json", "{\"choices\":[]}");
    assertEquals(
        "no text", reply(skill("openai", "/empty", "error-message = \"no text\""), "hi"));
  }
}
