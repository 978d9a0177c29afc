package io.celestialnexus.app.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.celestialnexus.engine.status.AlertNotice;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Each courier against a local stand-in that checks its platform's documented request format and signature. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertCouriersTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private final Clock clock = Clock.systemUTC();
  private final RobotReceivers receivers = new RobotReceivers(clock);
  private final HttpClient http = HttpClient.newHttpClient();

  AlertCouriersTest() throws Exception {}

  @AfterAll
  void stop() {
    receivers.close();
  }

  private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

  private static AlertMessage message() {
    return new AlertMessage(
        "node-1",
        List.of(
            new AlertMessage.Entry(AlertNotice.Status.FIRING, "FLAPPING", "ssq-cycle", 3, AT, AT.plusSeconds(40), "more than 5 restarts"),
            new AlertMessage.Entry(AlertNotice.Status.RESOLVED, "COMPONENT_DOWN", "storage", 1, AT, AT, "storage is up again")));
  }

  private static void deliver(AlertCourier courier) throws Exception {
    courier.deliver(message()).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The failure a delivery ended with. */
  private static AlertCourier.DeliveryFailure failure(AlertCourier courier) {
    var thrown = assertThrows(ExecutionException.class, () -> deliver(courier));
    return assertInstanceOf(AlertCourier.DeliveryFailure.class, thrown.getCause());
  }

  @Test
  void wecomGetsAMarkdownMessage() throws Exception {
    deliver(HttpCourier.wecom(receivers.wecomUrl(), http, TIMEOUT));
    JsonNode body = receivers.wecom.poll(5, TimeUnit.SECONDS);
    assertEquals("markdown", body.path("msgtype").asText());
    String content = body.path("markdown").path("content").asText();
    assertTrue(content.contains("**FIRING** `FLAPPING` ssq-cycle ×3"), content);
    assertTrue(content.contains("**RESOLVED** `COMPONENT_DOWN` storage"), content);
  }

  @Test
  void wecomRefusesAWrongKeyAndThatIsNotRetried() {
    var wrong = receivers.wecomUrl().resolve("/cgi-bin/webhook/send?key=not-the-key");
    var failure = failure(HttpCourier.wecom(wrong, http, TIMEOUT));
    assertFalse(failure.retryable());
    assertTrue(failure.getMessage().contains("93000"), failure.getMessage());
    assertFalse(failure.getMessage().contains("not-the-key"), "the failure must not repeat the URL's key");
  }

  @Test
  void dingtalkGetsASignedMarkdownMessage() throws Exception {
    var robot = new AlertSettings.Robot(receivers.dingtalkUrl(), RobotReceivers.DINGTALK_SECRET);
    deliver(HttpCourier.dingtalk(robot, http, TIMEOUT, clock));
    JsonNode body = receivers.dingtalk.poll(5, TimeUnit.SECONDS);
    assertEquals("markdown", body.path("msgtype").asText());
    assertEquals("[FIRING] 2 alerts on node-1", body.path("markdown").path("title").asText());
  }

  @Test
  void dingtalkRefusesAWrongSecretAndAStaleTimestamp() {
    var wrongSecret = new AlertSettings.Robot(receivers.dingtalkUrl(), "SECnot-the-secret");
    var failure = failure(HttpCourier.dingtalk(wrongSecret, http, TIMEOUT, clock));
    assertFalse(failure.retryable());
    assertTrue(failure.getMessage().contains("sign not match"), failure.getMessage());

    var robot = new AlertSettings.Robot(receivers.dingtalkUrl(), RobotReceivers.DINGTALK_SECRET);
    Clock twoHoursAgo = Clock.offset(clock, Duration.ofHours(-2));
    assertTrue(failure(HttpCourier.dingtalk(robot, http, TIMEOUT, twoHoursAgo)).getMessage().contains("invalid timestamp"));
  }

  @Test
  void feishuGetsASignedTextMessage() throws Exception {
    var robot = new AlertSettings.Robot(receivers.feishuUrl(), RobotReceivers.FEISHU_SECRET);
    deliver(HttpCourier.feishu(robot, http, TIMEOUT, clock));
    JsonNode body = receivers.feishu.poll(5, TimeUnit.SECONDS);
    assertEquals("text", body.path("msg_type").asText());
    String text = body.path("content").path("text").asText();
    assertTrue(text.contains("[FIRING] FLAPPING ssq-cycle ×3: more than 5 restarts"), text);
  }

  @Test
  void feishuRefusesAWrongSecret() {
    var robot = new AlertSettings.Robot(receivers.feishuUrl(), "not-the-secret");
    var failure = failure(HttpCourier.feishu(robot, http, TIMEOUT, clock));
    assertFalse(failure.retryable());
    assertTrue(failure.getMessage().contains("19021"), failure.getMessage());
  }

  @Test
  void theWebhookGetsEveryAlertAsFields() throws Exception {
    deliver(HttpCourier.webhook(receivers.webhookUrl(), http, TIMEOUT, clock));
    JsonNode body = receivers.webhook.poll(5, TimeUnit.SECONDS);
    assertEquals("firing", body.path("status").asText());
    assertEquals("node-1", body.path("node").asText());
    JsonNode first = body.path("alerts").get(0);
    assertEquals("FLAPPING", first.path("kind").asText());
    assertEquals("ssq-cycle", first.path("subject").asText());
    assertEquals(3, first.path("count").asInt());
    assertEquals("resolved", body.path("alerts").get(1).path("status").asText());
  }

  @Test
  void aServerErrorOrNoServerIsRetryable() throws Exception {
    receivers.failNext(1);
    assertTrue(failure(HttpCourier.webhook(receivers.webhookUrl(), http, TIMEOUT, clock)).retryable());
    var closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
    var nowhere = java.net.URI.create("http://127.0.0.1:" + closed.getLocalPort() + "/hook");
    closed.close();
    assertTrue(failure(HttpCourier.webhook(nowhere, http, TIMEOUT, clock)).retryable());
  }

  @Test
  void aLongStormStaysWithinWecomsMarkdownLimit() throws Exception {
    var entries = new java.util.ArrayList<AlertMessage.Entry>();
    for (int i = 0; i < 100; i++) {
      entries.add(new AlertMessage.Entry(AlertNotice.Status.FIRING, "TASK_DOWN", "task-" + i, 1, AT, AT, "x".repeat(500)));
    }
    HttpCourier.wecom(receivers.wecomUrl(), http, TIMEOUT).deliver(new AlertMessage("node-1", entries)).toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    String content = receivers.wecom.poll(5, TimeUnit.SECONDS).path("markdown").path("content").asText();
    assertTrue(content.contains("…and 90 more"), content);
  }

  @Test
  void smtpSendsAPlainTextMailToEveryRecipient() throws Exception {
    var greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    greenMail.withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts", "mail-password"));
    greenMail.start();
    try {
      var smtp =
          new AlertSettings.Smtp(
              "127.0.0.1", greenMail.getSmtp().getPort(), "none", "alerts", "mail-password", "nexus@example.org",
              List.of("ops@example.org", "oncall@example.org"));
      deliver(new SmtpCourier(smtp, TIMEOUT, Runnable::run, clock));
      assertTrue(greenMail.waitForIncomingEmail(5_000, 2));
      MimeMessage mail = greenMail.getReceivedMessages()[0];
      assertEquals("[nexus] [FIRING] 2 alerts on node-1", mail.getSubject());
      assertTrue(String.valueOf(mail.getContent()).contains("[RESOLVED] COMPONENT_DOWN storage"));
    } finally {
      greenMail.stop();
    }
  }
}
