package io.celestialnexus.http.wechat;

import static io.celestialnexus.http.wechat.WechatWire.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.engine.status.StatusJson;
import io.celestialnexus.engine.testing.Promtool;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The wechat listener on a real port, as WeChat's servers and hostile clients meet it: verification, plaintext and
 * safe mode, token rotation, every refusal, dedup and retries in flight, the reply deadline with late delivery
 * through a local WeChat API server, rate limits, the debug endpoint, and metrics that promtool accepts.
 */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WechatEndpointTest {

  private static final String OLD_TOKEN = "old-token";

  @JUnit5TestKit
  public ActorTestKit testKit =
      ActorTestKit.create(ConfigFactory.parseString("pekko.http.server.remote-address-attribute = on").withFallback(ConfigFactory.load()));

  private final HttpClient client = HttpClient.newHttpClient();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ScriptedSkills skills = new ScriptedSkills();
  private final WechatCrypto crypto = new WechatCrypto(WechatCrypto.decodeKey(TestWechatSettings.AES_KEY), FakeWechatApi.APP_ID);
  private FakeWechatApi wechat;
  private TestProbe<StatusBoard.Command> board;
  private TestListener strict;
  private TestListener lenient;
  private TestListener safe;

  @BeforeAll
  void start() throws Exception {
    Path dir = Files.createTempDirectory("wechat-endpoint");
    wechat = new FakeWechatApi();
    board = testKit.createTestProbe();
    strict =
        TestListener.start(
            testKit,
            TestWechatSettings.settings(
                dir, wechat.baseUrl(),
                "nexus.http.wechat { accept-tokens = \"" + OLD_TOKEN + "\", reply-deadline = 1500ms, rate-limit.per-minute = 3, debug-signature = 1"
                    + ", compat-mode = 1 }"),
            skills, board.getRef(), registry);
    lenient =
        TestListener.start(
            testKit,
            TestWechatSettings.settings(dir, wechat.baseUrl(), "nexus.http.wechat { strict-verify = 0, encoding-aes-key = \"\" }"),
            skills, board.getRef(), registry);
    // the shipped defaults with an AES key: safe mode only
    safe = TestListener.start(testKit, TestWechatSettings.settings(dir, wechat.baseUrl(), ""), skills, board.getRef(), registry);
  }

  @AfterAll
  void stop() {
    wechat.close();
  }

  private HttpResponse<String> get(String url, String... headers) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(url)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, String body) throws Exception {
    return postAsync(url, body).get(20, TimeUnit.SECONDS);
  }

  private CompletableFuture<HttpResponse<String>> postAsync(String url, String body) {
    return client.sendAsync(
        HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A plaintext-mode message signed with {@code token} under a fresh nonce, as WeChat sends each push. */
  private HttpResponse<String> plain(TestListener listener, String token, String xml) throws Exception {
    return post(listener.webhook() + "?" + signed(token, now(), freshNonce()), xml);
  }

  private CompletableFuture<HttpResponse<String>> encryptedAsync(String token, String xml) {
    return encryptedAsync(strict, token, xml);
  }

  private CompletableFuture<HttpResponse<String>> encryptedAsync(TestListener listener, String token, String xml) {
    String encrypt = crypto.encrypt(xml);
    return postAsync(listener.webhook() + "?" + signedAes(token, now(), freshNonce(), encrypt), envelope(encrypt));
  }

  private static String freshNonce() {
    return Long.toString(nextMsgId() % 10_000_000_000L);
  }

  /** The reply XML of a safe-mode answer, after checking its own signature with {@code token}. */
  private Map<String, String> openReply(HttpResponse<String> response, String token) throws Exception {
    assertEquals(200, response.statusCode(), response.body());
    Map<String, String> envelope = WechatXml.parse(response.body().getBytes(StandardCharsets.UTF_8));
    String encrypt = envelope.get("Encrypt");
    assertEquals(WechatSignature.sign(token, envelope.get("TimeStamp"), envelope.get("Nonce"), encrypt), envelope.get("MsgSignature"));
    assertTrue(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(envelope.get("TimeStamp"))) < 60, "a fresh timestamp");
    return WechatXml.parse(crypto.decrypt(encrypt).getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> xml(HttpResponse<String> response) throws Exception {
    assertEquals(200, response.statusCode(), response.body());
    return WechatXml.parse(response.body().getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode refusal(HttpResponse<String> response, int status, String reason) throws Exception {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), response.body());
    assertFalse(response.body().contains("\tat "), "no stack trace");
    JsonNode body = StatusJson.mapper().readTree(response.body());
    assertEquals(reason, body.get("error").asText(), response.body());
    return body;
  }

  private double count(String name, String... tags) {
    var counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void urlVerificationEchoesEchostrExactly() throws Exception {
    String echo = "4ByGGj+sVCYcvGeQ/中文 =?&";
    var response = get(strict.webhook() + "?" + signed(TestWechatSettings.TOKEN, now(), "n") + "&echostr=" + encode(echo));
    assertEquals(200, response.statusCode());
    assertEquals(echo, response.body());
  }

  @Test
  void aWrongSignatureIs403AndCounted() throws Exception {
    double before = count(WechatMetricNames.SIGNATURE_FAILURES);
    var response = get(strict.webhook() + "?" + signed("not-our-token", now(), "n") + "&echostr=x");
    refusal(response, 403, "bad_signature");
    assertEquals(before + 1, count(WechatMetricNames.SIGNATURE_FAILURES));
  }

  @Test
  void missingParametersAre400() throws Exception {
    refusal(get(strict.webhook() + "?timestamp=1&nonce=2"), 400, "missing_parameter");
    refusal(post(strict.webhook(), text("o_u", "hi", nextMsgId())), 400, "missing_parameter");
  }

  @Test
  void aPlaintextMessageGetsATextReplyFromTheAccount() throws Exception {
    Map<String, String> reply = xml(plain(strict, TestWechatSettings.TOKEN, text("o_plain", "你好", nextMsgId())));
    assertEquals("o_plain", reply.get("ToUserName"));
    assertEquals(TestWechatSettings.ORIGINAL_ID, reply.get("FromUserName"));
    assertEquals("text", reply.get("MsgType"));
    assertEquals("echo: 你好", reply.get("Content"));
  }

  @Test
  void aSafeModeMessageGetsAnEncryptedReplyWithItsOwnSignature() throws Exception {
    Map<String, String> reply = openReply(encryptedAsync(TestWechatSettings.TOKEN, text("o_aes", "加密", nextMsgId())).get(), TestWechatSettings.TOKEN);
    assertEquals("o_aes", reply.get("ToUserName"));
    assertEquals("echo: 加密", reply.get("Content"));
  }

  @Test
  void compatibilityModeUsesTheEncryptedCopy() throws Exception {
    long id = nextMsgId();
    String encrypt = crypto.encrypt(text("o_compat", "secret copy", id));
    String body = "<xml><ToUserName><![CDATA[" + TestWechatSettings.ORIGINAL_ID + "]]></ToUserName><FromUserName><![CDATA[o_compat]]></FromUserName>"
        + "<CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[plain copy]]></Content><MsgId>" + id
        + "</MsgId><Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>";
    var response = post(strict.webhook() + "?" + signedAes(TestWechatSettings.TOKEN, now(), "n3", encrypt), body);
    assertEquals("echo: secret copy", openReply(response, TestWechatSettings.TOKEN).get("Content"));
  }

  @Test
  void duringTokenRotationTheReplyIsSignedWithTheTokenThatVerified() throws Exception {
    var response = encryptedAsync(OLD_TOKEN, text("o_rotate", "rotating", nextMsgId())).get();
    assertEquals("echo: rotating", openReply(response, OLD_TOKEN).get("Content"));
    Map<String, String> envelope = WechatXml.parse(response.body().getBytes(StandardCharsets.UTF_8));
    assertNotEquals(
        WechatSignature.sign(TestWechatSettings.TOKEN, envelope.get("TimeStamp"), envelope.get("Nonce"), envelope.get("Encrypt")),
        envelope.get("MsgSignature"));
  }

  @Test
  void msgSignatureIsCheckedBeforeAnythingIsDecrypted() throws Exception {
    String garbage = "%%% not even base64 %%%";
    String query = signed(TestWechatSettings.TOKEN, now(), "n4") + "&encrypt_type=aes&msg_signature=" + "0".repeat(40);
    refusal(post(strict.webhook() + "?" + query, envelope(garbage)), 403, "bad_signature");
  }

  @Test
  void everyHostileBodyIsRefusedWithItsReasonAndCounted() throws Exception {
    String signedQuery = signed(TestWechatSettings.TOKEN, now(), "n5");
    double doctypes = count(WechatMetricNames.REJECTIONS, "reason", "doctype");
    refusal(post(strict.webhook() + "?" + signedQuery, "x".repeat(70 * 1024)), 413, "too_large");
    byte[] big = "y".repeat(70 * 1024).getBytes(StandardCharsets.UTF_8);
    var chunked =
        client.send(
            HttpRequest.newBuilder(URI.create(strict.webhook() + "?" + signedQuery))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    refusal(chunked, 413, "too_large");
    refusal(
        post(strict.webhook() + "?" + signedQuery, "<!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><xml><Content>&xxe;</Content></xml>"),
        400, "doctype");
    assertEquals(doctypes + 1, count(WechatMetricNames.REJECTIONS, "reason", "doctype"));
    refusal(post(strict.webhook() + "?" + signedQuery, "<xml><Content>"), 400, "malformed_xml");
    refusal(post(strict.webhook() + "?" + signedQuery, "<xml><Content>no sender</Content></xml>"), 400, "missing_field");
    refusal(post(strict.webhook() + "?" + signedQuery + "&encrypt_type=rot13", "<xml/>"), 400, "unsupported_encryption");
    String notBase64 = "!!!!";
    refusal(post(strict.webhook() + "?" + signedAes(TestWechatSettings.TOKEN, now(), "n6", notBase64), envelope(notBase64)), 400, "bad_base64");
    String foreign = new WechatCrypto(WechatCrypto.decodeKey(TestWechatSettings.AES_KEY), "wxanotherapp0000").encrypt(text("o_x", "x", nextMsgId()));
    refusal(post(strict.webhook() + "?" + signedAes(TestWechatSettings.TOKEN, now(), "n7", foreign), envelope(foreign)), 400, "wrong_appid");
    String odd = java.util.Base64.getEncoder().encodeToString(new byte[40]);
    refusal(post(strict.webhook() + "?" + signedAes(TestWechatSettings.TOKEN, now(), "n8", odd), envelope(odd)), 400, "bad_ciphertext");
  }

  @Test
  void aSignedUrlReplayedWithOtherBodiesIsAcceptedOnlyOnce() throws Exception {
    // plaintext (compatibility mode): the signature covers the URL, not the body, as in the probe that found this
    String url = strict.webhook() + "?" + signed(TestWechatSettings.TOKEN, now(), freshNonce());
    long first = nextMsgId();
    String original = text("o_victim", "the real one", first);
    double replays = count(WechatMetricNames.REJECTIONS, "reason", "replayed");
    assertEquals("echo: the real one", xml(post(url, original)).get("Content"));
    for (int i = 1; i < 20; i++) {
      refusal(post(url, text("o_forged_" + i, "forged " + i, nextMsgId())), 403, "replayed");
    }
    assertEquals(replays + 19, count(WechatMetricNames.REJECTIONS, "reason", "replayed"));
    for (int i = 1; i < 20; i++) {
      assertEquals(0, skills.calls("msg:" + (first + i)), "no forged message reached a skill");
    }
    // WeChat's own retry re-sends the identical request: it still gets the first reply, from the dedup window
    assertEquals("echo: the real one", xml(post(url, original)).get("Content"));
    assertEquals(1, skills.calls("msg:" + first));
  }

  @Test
  void aSafeModeUrlReplayedWithAnotherCiphertextOrAsPlaintextIsRefused() throws Exception {
    String timestamp = now();
    String nonce = freshNonce();
    String encrypt = crypto.encrypt(text("o_safe_replay", "sealed", nextMsgId()));
    String url = strict.webhook() + "?" + signedAes(TestWechatSettings.TOKEN, timestamp, nonce, encrypt);
    assertEquals("echo: sealed", openReply(post(url, envelope(encrypt)), TestWechatSettings.TOKEN).get("Content"));
    // the same push in plaintext under its plain signature (compatibility mode accepts plaintext): same URL key
    String plainUrl = strict.webhook() + "?" + signed(TestWechatSettings.TOKEN, timestamp, nonce);
    refusal(post(plainUrl, text("o_safe_replay", "swapped", nextMsgId())), 403, "replayed");
  }

  @Test
  void withAnAesKeyPlaintextIsRefusedUnlessCompatibilityModeIsOn() throws Exception {
    double before = count(WechatMetricNames.REJECTIONS, "reason", "plaintext_refused");
    LoggingTestKit.warn("plaintext_refused")
        .withOccurrences(3)
        .expect(
            testKit.system(),
            () -> {
              for (int i = 0; i < 3; i++) {
                try {
                  refusal(plain(safe, TestWechatSettings.TOKEN, text("o_downgrade", "as anyone " + i, nextMsgId())), 403, "plaintext_refused");
                } catch (Exception e) {
                  throw new AssertionError(e);
                }
              }
              return null;
            });
    assertEquals(before + 3, count(WechatMetricNames.REJECTIONS, "reason", "plaintext_refused"));
    // the same listener still answers safe mode, and a compatibility-mode listener takes plaintext
    assertEquals("echo: sealed", openReply(encryptedAsync(safe, TestWechatSettings.TOKEN, text("o_safe", "sealed", nextMsgId())).get(), TestWechatSettings.TOKEN).get("Content"));
    assertEquals("echo: compat", xml(plain(strict, TestWechatSettings.TOKEN, text("o_compat_plain", "compat", nextMsgId()))).get("Content"));
  }

  @Test
  void aSafeModeMessageDeclaringAnImpossibleLengthIsABadLength() throws Exception {
    double before = count(WechatMetricNames.REJECTIONS, "reason", "bad_length");
    String xml = text("o_length", "x", nextMsgId());
    // one more than the XML and the AppID together: past the end of what the plaintext holds
    int overrun = xml.getBytes(StandardCharsets.UTF_8).length + FakeWechatApi.APP_ID.length() + 1;
    int[] lengths = {0, -1, overrun, Integer.MAX_VALUE, Integer.MAX_VALUE - 19};
    for (int declared : lengths) {
      String encrypt = WechatCryptoTest.forged(WechatCryptoTest.declaring(declared, xml, FakeWechatApi.APP_ID));
      var response = post(safe.webhook() + "?" + signedAes(TestWechatSettings.TOKEN, now(), freshNonce(), encrypt), envelope(encrypt));
      refusal(response, 400, "bad_length");
    }
    assertEquals(before + lengths.length, count(WechatMetricNames.REJECTIONS, "reason", "bad_length"));
  }

  @Test
  void aNewlineInARefusedParameterCannotForgeALogLine() throws Exception {
    var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(WechatEndpoint.class);
    var layout = new ch.qos.logback.classic.PatternLayout();
    layout.setContext(logger.getLoggerContext());
    layout.setPattern("%date{ISO8601} %-5level [%thread] %logger{36} - %msg%n"); // conf/logback.xml's pattern
    layout.start();
    var lines = new java.util.concurrent.ConcurrentLinkedQueue<String>();
    var appender =
        new ch.qos.logback.core.AppenderBase<ch.qos.logback.classic.spi.ILoggingEvent>() {
          @Override
          protected void append(ch.qos.logback.classic.spi.ILoggingEvent event) {
            lines.add(layout.doLayout(event));
          }
        };
    appender.setContext(logger.getLoggerContext());
    appender.start();
    logger.addAppender(appender);
    try {
      String forged = "1\n2026-12-05 13:00:00,000 ERROR [main] io.celestialnexus.app.Main - admin key rotated\r\u2028\u001b[2J";
      refusal(get(strict.webhook() + "?signature=x&nonce=n&echostr=e&timestamp=" + encode(forged)), 400, "bad_parameter");
    } finally {
      logger.detachAppender(appender);
    }
    assertEquals(1, lines.size(), lines.toString());
    String written = lines.remove();
    assertEquals(1, written.split("\\R", -1).length - 1, "exactly one line: " + written);
    assertTrue(written.contains("1\\n2026-12-05 13:00:00,000 ERROR"), written);
    assertTrue(written.contains("\\r\\u2028\\u001b[2J"), written);
  }

  @Test
  void aSenderWithALineBreakIsRefusedBeforeAnySkillOrLogNamesIt() throws Exception {
    long id = nextMsgId();
    refusal(plain(strict, TestWechatSettings.TOKEN, text("o_x\n2026-12-05 ERROR forged", "hi", id)), 400, "bad_parameter");
    assertEquals(0, skills.calls("msg:" + id));
  }

  @Test
  void anOldTimestampIsRefusedAsAReplay() throws Exception {
    String stale = Long.toString(Instant.now().getEpochSecond() - 301);
    refusal(post(strict.webhook() + "?" + signed(TestWechatSettings.TOKEN, stale, "n9"), text("o_old", "hi", nextMsgId())), 403, "stale_timestamp");
  }

  @Test
  void aMessageForAnotherAccountIsRefused() throws Exception {
    var response = plain(strict, TestWechatSettings.TOKEN, text("gh_someone_else", "o_u", "hi", nextMsgId()));
    refusal(response, 403, "wrong_recipient");
  }

  @Test
  void aReDeliveryGetsTheSameReplyWithoutRunningTheSkillAgain() throws Exception {
    long id = nextMsgId();
    String message = text("o_dup", "once", id);
    double hits = count(WechatMetricNames.DEDUP_HITS);
    assertEquals("echo: once", xml(plain(strict, TestWechatSettings.TOKEN, message)).get("Content"));
    assertEquals("echo: once", xml(plain(strict, TestWechatSettings.TOKEN, message)).get("Content"));
    assertEquals(1, skills.calls("msg:" + id));
    assertEquals(hits + 1, count(WechatMetricNames.DEDUP_HITS));
  }

  @Test
  void aRetryWhileTheFirstIsInFlightWaitsForTheSameResult() throws Exception {
    long id = nextMsgId();
    String message = text("o_inflight", "hold inflight", id);
    var first = postAsync(strict.webhook() + "?" + signed(TestWechatSettings.TOKEN, now(), "a"), message);
    TestProbe<Object> probe = testKit.createTestProbe();
    probe.awaitAssert(() -> {
      assertEquals(1, skills.calls("msg:" + id));
      return null;
    });
    var retry = postAsync(strict.webhook() + "?" + signed(TestWechatSettings.TOKEN, now(), "b"), message);
    skills.release("inflight", "computed once");
    assertEquals("computed once", xml(first.get(10, TimeUnit.SECONDS)).get("Content"));
    assertEquals("computed once", xml(retry.get(10, TimeUnit.SECONDS)).get("Content"));
    assertEquals(1, skills.calls("msg:" + id));
  }

  @Test
  void aSlowSkillGetsSuccessNowAndItsReplyLaterThroughTheCustomerServiceApi() throws Exception {
    long id = nextMsgId();
    String message = text("o_slow", "hold slow", id);
    double late = count(WechatMetricNames.LATE_REPLIES);
    var response = plain(strict, TestWechatSettings.TOKEN, message);
    assertEquals(200, response.statusCode());
    assertEquals("success", response.body());
    assertEquals(late + 1, count(WechatMetricNames.LATE_REPLIES));
    skills.release("slow", "worth the wait");
    JsonNode delivered = wechat.delivered().poll(10, TimeUnit.SECONDS);
    assertTrue(delivered != null, "the late reply reached the customer-service API");
    assertEquals("o_slow", delivered.get("touser").asText());
    assertEquals("worth the wait", delivered.get("text").get("content").asText());
    assertEquals("success", plain(strict, TestWechatSettings.TOKEN, message).body(), "WeChat's retry must not show the reply twice");
    assertEquals(1, skills.calls("msg:" + id));
  }

  @Test
  void overTheRateLimitOnePoliteReplyThenSuccess() throws Exception {
    String user = "o_chatty_" + nextMsgId();
    for (int i = 0; i < 3; i++) {
      assertEquals("echo: " + i, xml(plain(strict, TestWechatSettings.TOKEN, text(user, Integer.toString(i), nextMsgId()))).get("Content"));
    }
    String polite = xml(plain(strict, TestWechatSettings.TOKEN, text(user, "4th", nextMsgId()))).get("Content");
    assertTrue(polite.contains("请一分钟后再试"), polite);
    assertEquals("success", plain(strict, TestWechatSettings.TOKEN, text(user, "5th", nextMsgId())).body());
  }

  @Test
  void subscribeIsWelcomedAndUnknownTypesGetSuccess() throws Exception {
    long created = Instant.now().getEpochSecond();
    assertEquals("welcome", xml(plain(strict, TestWechatSettings.TOKEN, event("o_new", "subscribe", created))).get("Content"));
    assertEquals(1, skills.calls("evt:o_new:" + created));
    assertEquals("success", plain(strict, TestWechatSettings.TOKEN, event("o_new", "unsubscribe", created + 1)).body());
    String file = text("o_file", "x", nextMsgId()).replace("<![CDATA[text]]>", "<![CDATA[file]]>");
    assertEquals("success", plain(strict, TestWechatSettings.TOKEN, file).body());
  }

  @Test
  void withStrictVerifyOffABadSignatureIsLoggedCountedAndStillAnswered() throws Exception {
    double before = count(WechatMetricNames.SIGNATURE_FAILURES);
    Map<String, String> reply = xml(plain(lenient, "wrong-token", text("o_lenient", "let me in", nextMsgId())));
    assertEquals("echo: let me in", reply.get("Content"));
    assertEquals(before + 1, count(WechatMetricNames.SIGNATURE_FAILURES));
  }

  @Test
  void safeModeWithoutAnAesKeyIsRefused() throws Exception {
    String encrypt = crypto.encrypt(text("o_x", "x", nextMsgId()));
    refusal(post(lenient.webhook() + "?" + signedAes(TestWechatSettings.TOKEN, now(), "n", encrypt), envelope(encrypt)), 400, "aes_not_configured");
  }

  @Test
  void theDebugSignatureEndpointAnswersDirectLoopbackCallersOnlyAndOnlyWhenEnabled() throws Exception {
    var response = get(strict.baseUrl() + "/_debug_signature?timestamp=1700000000&nonce=abc&encrypt=E");
    assertEquals(200, response.statusCode(), response.body());
    JsonNode body = StatusJson.mapper().readTree(response.body());
    assertEquals(WechatSignature.sign(TestWechatSettings.TOKEN, "1700000000", "abc"), body.get("signature").asText());
    assertEquals(WechatSignature.sign(TestWechatSettings.TOKEN, "1700000000", "abc", "E"), body.get("msg_signature").asText());
    assertFalse(response.body().contains(TestWechatSettings.TOKEN));
    assertEquals(403, get(strict.baseUrl() + "/_debug_signature?timestamp=1&nonce=2", "X-Forwarded-For", "203.0.113.9").statusCode());
    assertEquals(404, get(lenient.baseUrl() + "/_debug_signature?timestamp=1&nonce=2").statusCode());
  }

  @Test
  void metricsNameEveryWechatSeriesAndPassPromtool() throws Exception {
    plain(strict, TestWechatSettings.TOKEN, text("o_metrics", "count me", nextMsgId()));
    String text = registry.scrape();
    for (String series :
        List.of(
            "wechat_requests_total{method=\"POST\",type=\"text\"}",
            "wechat_request_latency_seconds_bucket{method=\"POST\"",
            "wechat_signature_fail_total",
            "wechat_dedup_hits_total",
            "wechat_rejections_total{reason=\"doctype\"}",
            "wechat_rate_limited_total",
            "wechat_late_replies_total",
            "wechat_dead_letters_total",
            "wechat_replay_window_urls",
            "wechat_rejections_total{reason=\"replayed\"}",
            "wechat_rejections_total{reason=\"plaintext_refused\"}")) {
      assertTrue(text.contains(series), series + " missing");
    }
    Promtool.assertValid(text);
  }
}
