package io.celestialnexus.http.wechat;

import static io.celestialnexus.http.wechat.WechatWire.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.typesafe.config.ConfigFactory;
import io.celestialnexus.engine.chat.external.ExternalAiSkill;
import io.celestialnexus.engine.chat.router.ChatSettings;
import io.celestialnexus.engine.chat.router.ChatSkillRouter;
import io.celestialnexus.engine.status.StatusBoard;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A free-text flood through the real wechat listener into the real external-AI skill, against a slow AI server on a
 * real port: the bulkhead keeps the AI server at its limit and every follower gets an answer inside WeChat's 5 s.
 */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WechatAiBulkheadTest {

  @JUnit5TestKit public ActorTestKit testKit = ActorTestKit.create();

  @Test
  void fiftyFollowersAtOnceMeetFourAtTheAiServerAndAllHaveAnAnswerWithinFiveSeconds() throws Exception {
    AtomicInteger active = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    HttpServer ai = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ai.setExecutor(Executors.newCachedThreadPool());
    ai.createContext(
        "/",
        exchange -> {
          calls.incrementAndGet();
          peak.accumulateAndGet(active.incrementAndGet(), Math::max);
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          active.decrementAndGet();
          byte[] body = "thought about it".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    ai.start();
    FakeWechatApi wechat = new FakeWechatApi();
    try {
      var registry = new SimpleMeterRegistry();
      ChatSettings chat =
          ChatSettings.fromConfig(
              ConfigFactory.parseString(
                      "nexus.engine.chat.external { url = \"http://127.0.0.1:" + ai.getAddress().getPort() + "/ai\"\n"
                          + " bulkhead { max-concurrent = 4, max-queued = 8, queue-wait = 3s, busy-message = \"busy now\" } }")
                  .withFallback(ConfigFactory.load()));
      var skills =
          new ChatSkillRouter(
              List.of(), ExternalAiSkill.create(chat.external(), registry, testKit.system().classicSystem().scheduler()), "failed", registry);
      TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
      WechatSettings settings =
          TestWechatSettings.settings(
              Files.createTempDirectory("wechat-bulkhead"), wechat.baseUrl(), "nexus.http.wechat { compat-mode = 1, rate-limit.per-minute = 0 }");
      TestListener listener = TestListener.start(testKit, settings, skills, board.getRef(), registry);

      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      // a running node is warm: the flood should not also pay for loading the HTTP stack's classes
      for (int i = 0; i < 20; i++) {
        String verify = listener.webhook() + "?" + signed(TestWechatSettings.TOKEN, now(), "w" + i) + "&echostr=warm";
        assertEquals("warm", client.send(HttpRequest.newBuilder(URI.create(verify)).build(), HttpResponse.BodyHandlers.ofString()).body());
      }
      List<CompletableFuture<Long>> answeredAfter = new ArrayList<>();
      List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        long start = System.nanoTime();
        var response =
            client.sendAsync(
                HttpRequest.newBuilder(URI.create(listener.webhook() + "?" + signed(TestWechatSettings.TOKEN, now(), "b" + i)))
                    .POST(HttpRequest.BodyPublishers.ofString(text("o_flood_" + i, "tell me something " + i, nextMsgId()), StandardCharsets.UTF_8))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        responses.add(response);
        answeredAfter.add(response.thenApply(any -> (System.nanoTime() - start) / 1_000_000));
      }
      int busy = 0;
      int success = 0;
      for (int i = 0; i < 50; i++) {
        HttpResponse<String> response = responses.get(i).get(10, TimeUnit.SECONDS);
        long millis = answeredAfter.get(i).get();
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(millis < 5_000, "message " + i + " answered after " + millis + " ms, past WeChat's 5 s");
        if (response.body().equals("success")) {
          success++; // still thinking at the reply deadline: the answer goes out later
        } else {
          Map<String, String> reply = WechatXml.parse(response.body().getBytes(StandardCharsets.UTF_8));
          assertEquals("busy now", reply.get("Content"));
          busy++;
        }
      }
      assertEquals(4, peak.get(), "at most four calls at the AI server at once");
      assertEquals(4, success, "the four in flight missed the deadline and go out later");
      assertEquals(46, busy, "38 over the queue at once, 8 queued past the queue wait");
      assertEquals(4, calls.get(), "no queued call reached the AI server after its follower was told busy");
      release.countDown();
      for (int i = 0; i < 4; i++) {
        var delivered = wechat.delivered().poll(10, TimeUnit.SECONDS);
        assertTrue(delivered != null, "the late answers reach the followers through the customer-service API");
        assertEquals("thought about it", delivered.get("text").get("content").asText());
      }
    } finally {
      release.countDown();
      ai.stop(0);
      wechat.close();
    }
  }
}
