package io.celestialnexus.app.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stand-ins for the three group robots and a webhook on a loopback port, each checking a request the way its platform
 * documents it and answering as the platform does: {@code errcode} (WeCom, DingTalk) or {@code code} (Feishu), 0 when
 * accepted. The signatures are recomputed here from the documented recipes, independently of the couriers' code.
 * Requests that pass are queued as their JSON bodies; {@link #failNext} answers the next requests with HTTP 500.
 */
final class RobotReceivers implements AutoCloseable {

  static final String WECOM_KEY = "wecom-key-123";
  static final String DINGTALK_TOKEN = "ding-token-456";
  static final String DINGTALK_SECRET = "SECdingtalk-secret";
  static final String FEISHU_SECRET = "feishu-secret";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SKEW = Duration.ofHours(1);

  final BlockingQueue<JsonNode> wecom = new LinkedBlockingQueue<>();
  final BlockingQueue<JsonNode> dingtalk = new LinkedBlockingQueue<>();
  final BlockingQueue<JsonNode> feishu = new LinkedBlockingQueue<>();
  final BlockingQueue<JsonNode> webhook = new LinkedBlockingQueue<>();
  /** Every request that reached a receiver, accepted or not. */
  final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();
  private final HttpServer server;
  private final Clock clock;

  RobotReceivers(Clock clock) throws IOException {
    this.clock = clock;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/cgi-bin/webhook/send", exchange -> handle(exchange, this::wecom));
    server.createContext("/robot/send", exchange -> handle(exchange, this::dingtalk));
    server.createContext("/open-apis/bot/v2/hook/", exchange -> handle(exchange, this::feishu));
    server.createContext("/hook", exchange -> handle(exchange, this::webhook));
    server.start();
  }

  /** The next {@code n} requests get HTTP 500, whatever they hold. */
  void failNext(int n) {
    failures.set(n);
  }

  URI wecomUrl() {
    return base().resolve("/cgi-bin/webhook/send?key=" + WECOM_KEY);
  }

  URI dingtalkUrl() {
    return base().resolve("/robot/send?access_token=" + DINGTALK_TOKEN);
  }

  URI feishuUrl() {
    return base().resolve("/open-apis/bot/v2/hook/feishu-hook-789");
  }

  URI webhookUrl() {
    return base().resolve("/hook");
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** What a receiver answers: HTTP status and body. */
  private record Reply(int status, String body) {}

  private interface Check {
    Reply check(HttpExchange exchange, Map<String, String> query, JsonNode body);
  }

  private void handle(HttpExchange exchange, Check check) throws IOException {
    requests.incrementAndGet();
    Reply reply;
    try {
      if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        reply = new Reply(500, "{\"error\":\"down for the test\"}");
      } else if (!exchange.getRequestMethod().equals("POST")
          || !String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).startsWith("application/json")) {
        reply = new Reply(400, "{\"errcode\":40035,\"errmsg\":\"not a JSON POST\"}");
      } else {
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        reply = check.check(exchange, query(exchange.getRequestURI().getRawQuery()), body);
      }
    } catch (IOException | RuntimeException e) {
      reply = new Reply(400, "{\"errcode\":40001,\"errmsg\":\"" + e.getClass().getSimpleName() + "\"}");
    }
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(reply.status(), bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** WeCom group robot: key in the query; msgtype text or markdown with its content, markdown at most 4,096 bytes. */
  private Reply wecom(HttpExchange exchange, Map<String, String> query, JsonNode body) {
    if (!WECOM_KEY.equals(query.get("key"))) {
      return ok(93000, "invalid webhook url");
    }
    String type = body.path("msgtype").asText();
    JsonNode content = body.path(type).path("content");
    if (!(type.equals("markdown") || type.equals("text")) || !content.isTextual() || content.asText().isBlank()) {
      return ok(40008, "invalid message type");
    }
    if (type.equals("markdown") && content.asText().getBytes(StandardCharsets.UTF_8).length > 4096) {
      return ok(40058, "markdown.content exceed max length 4096");
    }
    wecom.add(body);
    return ok(0, "ok");
  }

  /**
   * DingTalk custom robot: access_token, timestamp (ms, within an hour) and sign in the query, where sign is the
   * URL-encoded Base64 HmacSHA256 (key: the secret) of timestamp + "\n" + secret; msgtype markdown with title and
   * text.
   */
  private Reply dingtalk(HttpExchange exchange, Map<String, String> query, JsonNode body) {
    if (!DINGTALK_TOKEN.equals(query.get("access_token"))) {
      return ok(300001, "token is not exist");
    }
    String timestamp = query.getOrDefault("timestamp", "");
    if (!timestamp.matches("\\d{13}") || Math.abs(clock.millis() - Long.parseLong(timestamp)) > SKEW.toMillis()) {
      return ok(310000, "invalid timestamp");
    }
    String expected = hmacBase64(DINGTALK_SECRET.getBytes(StandardCharsets.UTF_8), timestamp + "\n" + DINGTALK_SECRET);
    if (!constantTimeEquals(expected, query.getOrDefault("sign", ""))) {
      return ok(310000, "sign not match");
    }
    String type = body.path("msgtype").asText();
    if (type.equals("markdown")) {
      if (!body.path("markdown").path("title").isTextual() || body.path("markdown").path("text").asText().isBlank()) {
        return ok(40035, "缺少参数 markdown");
      }
    } else if (!type.equals("text") || body.path("text").path("content").asText().isBlank()) {
      return ok(40035, "缺少参数 msgtype");
    }
    dingtalk.add(body);
    return ok(0, "ok");
  }

  /**
   * Feishu custom bot: timestamp (seconds, a string, within an hour) and sign in the body, where sign is the Base64
   * HmacSHA256 keyed with timestamp + "\n" + secret over empty data; msg_type text with content.text.
   */
  private Reply feishu(HttpExchange exchange, Map<String, String> query, JsonNode body) {
    String timestamp = body.path("timestamp").isTextual() ? body.path("timestamp").asText() : "";
    if (!timestamp.matches("\\d{10}") || Math.abs(clock.millis() / 1000 - Long.parseLong(timestamp)) > SKEW.toSeconds()) {
      return feishuReply(19021, "sign match fail or timestamp is not within one hour from current time");
    }
    String expected = hmacBase64((timestamp + "\n" + FEISHU_SECRET).getBytes(StandardCharsets.UTF_8), "");
    if (!constantTimeEquals(expected, body.path("sign").asText())) {
      return feishuReply(19021, "sign match fail or timestamp is not within one hour from current time");
    }
    if (!body.path("msg_type").asText().equals("text") || body.path("content").path("text").asText().isBlank()) {
      return feishuReply(9499, "Bad Request");
    }
    feishu.add(body);
    return feishuReply(0, "success");
  }

  private Reply webhook(HttpExchange exchange, Map<String, String> query, JsonNode body) {
    if (!body.path("alerts").isArray() || body.path("alerts").isEmpty() || !body.path("status").isTextual()) {
      return new Reply(422, "{\"error\":\"no alerts\"}");
    }
    webhook.add(body);
    return new Reply(200, "{}");
  }

  private static Reply ok(int errcode, String errmsg) {
    return new Reply(200, JSON.createObjectNode().put("errcode", errcode).put("errmsg", errmsg).toString());
  }

  private static Reply feishuReply(int code, String msg) {
    var body = JSON.createObjectNode().put("code", code).put("msg", msg);
    body.putObject("data");
    return new Reply(200, body.toString());
  }

  private static String hmacBase64(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return query;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
