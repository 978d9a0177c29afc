package io.celestialnexus.app.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A courier that POSTs JSON: the generic webhook and the three group robots, each in its platform's documented shape.
 *
 * <ul>
 *   <li>WeCom group robot: {@code {"msgtype":"markdown","markdown":{"content":...}}}; success is {@code errcode} 0.
 *   <li>DingTalk custom robot: {@code {"msgtype":"markdown","markdown":{"title":...,"text":...}}}; with a secret, the URL
 *       gets {@code timestamp} (milliseconds) and {@code sign} = URL-encoded Base64 of HmacSHA256, keyed with the
 *       secret, over {@code timestamp + "\n" + secret}; success is {@code errcode} 0.
 *   <li>Feishu custom bot: {@code {"msg_type":"text","content":{"text":...}}}; with a secret, the body gets
 *       {@code timestamp} (seconds, a string) and {@code sign} = Base64 of HmacSHA256 keyed with
 *       {@code timestamp + "\n" + secret} over no data; success is {@code code} (or the older {@code StatusCode}) 0.
 *   <li>Webhook: the node's own JSON ({@link #webhookBody}); any 2xx is success.
 * </ul>
 *
 * A network error, a timeout, HTTP 429 or 5xx, or a robot's rate-limit code is retryable; any other refusal is not.
 */
final class HttpCourier implements AlertCourier {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The robots' "too many messages" codes: DingTalk 130101, WeCom 45009, Feishu 9499 and 11232. */
  private static final Set<Integer> RATE_LIMITED = Set.of(130101, 45009, 9499, 11232);

  private final String channel;
  private final HttpClient client;
  private final Duration timeout;
  private final Function<AlertMessage, Post> shape;
  private final boolean robot;

  /** What one delivery sends: where, and the JSON body. */
  record Post(URI uri, JsonNode body) {}

  private HttpCourier(String channel, HttpClient client, Duration timeout, Function<AlertMessage, Post> shape, boolean robot) {
    this.channel = channel;
    this.client = client;
    this.timeout = timeout;
    this.shape = shape;
    this.robot = robot;
  }

  static HttpCourier webhook(URI url, HttpClient client, Duration timeout, Clock clock) {
    return new HttpCourier(WEBHOOK, client, timeout, message -> new Post(url, webhookBody(message, clock)), false);
  }

  static HttpCourier wecom(URI url, HttpClient client, Duration timeout) {
    return new HttpCourier(
        WECOM, client, timeout,
        message -> {
          ObjectNode body = JSON.createObjectNode().put("msgtype", "markdown");
          body.putObject("markdown").put("content", message.markdown());
          return new Post(url, body);
        },
        true);
  }

  static HttpCourier dingtalk(AlertSettings.Robot robot, HttpClient client, Duration timeout, Clock clock) {
    return new HttpCourier(
        DINGTALK, client, timeout,
        message -> {
          ObjectNode body = JSON.createObjectNode().put("msgtype", "markdown");
          body.putObject("markdown").put("title", message.title()).put("text", message.markdown());
          URI uri = robot.url();
          if (!robot.secret().isEmpty()) {
            long timestamp = clock.millis();
            String sign = URLEncoder.encode(hmacBase64(robot.secret(), timestamp + "\n" + robot.secret()), StandardCharsets.UTF_8);
            String url = uri.toString();
            uri = URI.create(url + (uri.getRawQuery() == null ? "?" : "&") + "timestamp=" + timestamp + "&sign=" + sign);
          }
          return new Post(uri, body);
        },
        true);
  }

  static HttpCourier feishu(AlertSettings.Robot robot, HttpClient client, Duration timeout, Clock clock) {
    return new HttpCourier(
        FEISHU, client, timeout,
        message -> {
          ObjectNode body = JSON.createObjectNode();
          if (!robot.secret().isEmpty()) {
            long timestamp = clock.millis() / 1000;
            body.put("timestamp", Long.toString(timestamp)).put("sign", hmacBase64(timestamp + "\n" + robot.secret(), ""));
          }
          body.put("msg_type", "text").putObject("content").put("text", message.text());
          return new Post(robot.url(), body);
        },
        true);
  }

  /** The generic webhook's body: the message's status, node, title and text, and each alert as fields. */
  static ObjectNode webhookBody(AlertMessage message, Clock clock) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("status", message.status().name().toLowerCase())
            .put("node", message.node())
            .put("sentAt", clock.instant().toString())
            .put("title", message.title())
            .put("text", message.text());
    var alerts = body.putArray("alerts");
    for (AlertMessage.Entry entry : message.entries()) {
      alerts.addObject()
          .put("status", entry.status().name().toLowerCase())
          .put("kind", entry.kind())
          .put("subject", entry.subject())
          .put("count", entry.count())
          .put("firstAt", entry.first().toString())
          .put("lastAt", entry.last().toString())
          .put("message", entry.text());
    }
    return body;
  }

  /** Base64 of HmacSHA256 keyed with {@code key} over {@code data}, both UTF-8. */
  static String hmacBase64(String key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  @Override
  public String channel() {
    return channel;
  }

  @Override
  public CompletionStage<Void> deliver(AlertMessage message) {
    Post post;
    byte[] body;
    try {
      post = shape.apply(message);
      body = JSON.writeValueAsBytes(post.body());
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(new DeliveryFailure("cannot build the request: " + e.getMessage(), false));
    }
    HttpRequest request =
        HttpRequest.newBuilder(post.uri())
            .timeout(timeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .handle(
            (response, failure) -> {
              if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                // the exception's own text may repeat the URL, which holds the robot's token: name the type only
                throw new DeliveryFailure(cause.getClass().getSimpleName(), true);
              }
              check(response);
              return null;
            });
  }

  private void check(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status == 429 || status >= 500) {
      throw new DeliveryFailure("HTTP " + status, true);
    }
    if (status < 200 || status > 299) {
      throw new DeliveryFailure("HTTP " + status + ": " + abbreviate(response.body()), false);
    }
    if (!robot) {
      return;
    }
    JsonNode reply;
    try {
      reply = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new DeliveryFailure("HTTP " + status + " with a reply that is not JSON: " + abbreviate(response.body()), false);
    }
    JsonNode code = reply.has("errcode") ? reply.get("errcode") : reply.has("code") ? reply.get("code") : reply.get("StatusCode");
    if (code == null || !code.canConvertToInt()) {
      throw new DeliveryFailure("HTTP " + status + " without a result code: " + abbreviate(response.body()), false);
    }
    if (code.asInt() != 0) {
      throw new DeliveryFailure("refused: " + abbreviate(response.body()), RATE_LIMITED.contains(code.asInt()));
    }
  }

  private static String abbreviate(String text) {
    String oneLine = text == null ? "" : text.replaceAll("[\\r\\n]+", " ").strip();
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
  }
}
