package io.celestialnexus.http.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.engine.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Late replies through a local server speaking WeChat's customer-service API; backoff under ManualTime. */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LateReplyOutboxTest {

  @JUnit5TestKit
  public ActorTestKit testKit = ActorTestKit.create(ManualTime.config().withFallback(ConfigFactory.load()));

  private final ManualTime time = ManualTime.get(testKit.system());

  private Path dir;

  private FakeWechatApi wechat;
  private WechatSettings settings;
  private SimpleMeterRegistry registry;
  private TestProbe<StatusBoard.Command> board;

  @BeforeEach
  void startApi() throws Exception {
    // not a @TempDir: token files are written asynchronously and may land after a test ends
    dir = Files.createTempDirectory("wechat-test");
    wechat = new FakeWechatApi();
    settings =
        TestWechatSettings.settings(
            dir, wechat.baseUrl(), "nexus.http.wechat.customer-service { attempts = 3, min-backoff = 2s, max-backoff = 3s }");
    registry = new SimpleMeterRegistry();
    board = testKit.createTestProbe();
  }

  @AfterEach
  void stopApi() {
    wechat.close();
  }

  private ActorRef<LateReplyOutbox.Command> outbox() {
    var metrics = new WechatMetrics(registry);
    var api = new WechatApiClient(settings.api().baseUrl(), settings.api().timeout(), settings.appId(), settings.appSecret());
    var tokens = testKit.spawn(AccessTokenKeeper.create(api, new ManualClock(), settings.api(), metrics));
    return testKit.spawn(LateReplyOutbox.create(Optional.of(api), Optional.of(tokens), board.getRef(), settings, metrics, new ManualClock()));
  }

  private JsonNode nextDelivered() throws InterruptedException {
    JsonNode message = wechat.delivered().poll(10, TimeUnit.SECONDS);
    assertTrue(message != null, "nothing was delivered");
    return message;
  }

  private double outcome(String outcome) {
    var counter = registry.find(WechatMetricNames.CUSTOMER_MESSAGES).tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  private void awaitOutcome(String outcome, double count) {
    board.awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(count, outcome(outcome));
      return null;
    });
  }

  @Test
  void aLateReplyGoesOutAsACustomerServiceTextMessage() throws Exception {
    outbox().tell(new LateReplyOutbox.Deliver("o_user_1", ChatReply.text("慢慢的回答")));
    JsonNode message = nextDelivered();
    assertEquals("o_user_1", message.get("touser").asText());
    assertEquals("text", message.get("msgtype").asText());
    assertEquals("慢慢的回答", message.get("text").get("content").asText());
  }

  @Test
  void aRevokedTokenIsRefreshedAndTheSendRetriedOnceAtOnce() throws Exception {
    var outbox = outbox();
    outbox.tell(new LateReplyOutbox.Deliver("o_user_2", ChatReply.text("first")));
    nextDelivered();
    wechat.revokeCurrentToken();
    outbox.tell(new LateReplyOutbox.Deliver("o_user_2", ChatReply.text("second")));
    assertEquals("second", nextDelivered().get("text").get("content").asText());
    assertEquals(2, wechat.tokenFetches());
    assertEquals(1.0, outcome("token_refreshed"));
    assertEquals(0.0, outcome("failed"));
  }

  @Test
  void failuresAreRetriedWithBackoffAndFinallyBecomeADeadLetterShownAsAnAlert() throws Exception {
    var outbox = outbox();
    wechat.scriptNextSend(500, 0);
    wechat.scriptNextSend(200, 45015);
    wechat.scriptNextSend(200, 45047);
    outbox.tell(new LateReplyOutbox.Deliver("o_user_3", ChatReply.text("never arrives")));
    awaitOutcome("failed", 1);
    time.timePasses(Duration.ofSeconds(2));
    awaitOutcome("failed", 2);
    time.timePasses(Duration.ofSeconds(3));
    awaitOutcome("failed", 3);
    List<StatusBoard.Command> seen =
        board.fishForMessage(
            Duration.ofSeconds(10),
            message -> message instanceof StatusBoard.RaiseAlert ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    var alert = (StatusBoard.RaiseAlert) seen.get(seen.size() - 1);
    assertEquals(LateReplyOutbox.ALERT_KIND, alert.kind());
    assertTrue(alert.message().contains("o_user_3") && alert.message().contains("errcode 45047"), alert.message());
    assertEquals(1.0, registry.get(WechatMetricNames.DEAD_LETTERS).counter().count());
    TestProbe<List<LateReplyOutbox.DeadLetter>> letters = testKit.createTestProbe();
    outbox.tell(new LateReplyOutbox.GetDeadLetters(letters.getRef()));
    LateReplyOutbox.DeadLetter letter = letters.receiveMessage().get(0);
    assertEquals("never arrives", letter.reply());
    assertEquals(3, letter.attempts());
    assertTrue(wechat.delivered().isEmpty());
  }

  @Test
  void withoutAppSecretEveryLateReplyIsADeadLetterNotASilentDrop() {
    var metrics = new WechatMetrics(registry);
    var outbox = testKit.spawn(LateReplyOutbox.create(Optional.empty(), Optional.empty(), board.getRef(), settings, metrics, new ManualClock()));
    outbox.tell(new LateReplyOutbox.Deliver("o_user_4", ChatReply.text("nowhere to go")));
    List<StatusBoard.Command> seen =
        board.fishForMessage(
            Duration.ofSeconds(10),
            message -> message instanceof StatusBoard.RaiseAlert ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    assertTrue(((StatusBoard.RaiseAlert) seen.get(0)).message().contains("WECHAT_APPSECRET"));
  }
}
