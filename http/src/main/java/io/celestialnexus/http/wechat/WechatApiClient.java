package io.celestialnexus.http.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.status.StatusJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * WeChat's outbound API: the access token ({@code GET /cgi-bin/token}) and customer-service messages
 * ({@code POST /cgi-bin/message/custom/send}). A non-zero errcode fails the stage with {@link WechatApiException}.
 * URLs carry the app secret or the access token, so no message built here ever includes a URL.
 */
public final class WechatApiClient {

  /** A token as WeChat hands it out. */
  public record IssuedToken(String value, Duration expiresIn) {
    @Override
    public String toString() {
      return "IssuedToken[****, expiresIn=" + expiresIn + "]";
    }
  }

  private final URI baseUrl;
  private final Duration timeout;
  private final String appId;
  private final String appSecret;
  private final HttpClient client;

  public WechatApiClient(URI baseUrl, Duration timeout, String appId, String appSecret) {
    this.baseUrl = baseUrl;
    this.timeout = timeout;
    this.appId = appId;
    this.appSecret = appSecret;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public CompletionStage<IssuedToken> fetchToken() {
    URI uri =
        URI.create(baseUrl + "/cgi-bin/token?grant_type=client_credential&appid=" + encode(appId) + "&secret=" + encode(appSecret));
    return call(HttpRequest.newBuilder(uri).timeout(timeout).GET().build())
        .thenApply(
            json -> {
              String token = json.path("access_token").asText("");
              long seconds = json.path("expires_in").asLong(0);
              if (token.isEmpty() || seconds <= 0) {
                throw new CompletionException(new IOException("the token answer has no access_token/expires_in"));
              }
              return new IssuedToken(token, Duration.ofSeconds(seconds));
            });
  }

  /** Sends {@code reply} to {@code openId} as a customer-service message (text, or news). */
  public CompletionStage<Void> sendCustomerMessage(String accessToken, String openId, ChatReply reply) {
    URI uri = URI.create(baseUrl + "/cgi-bin/message/custom/send?access_token=" + encode(accessToken));
    byte[] body;
    try {
      body = StatusJson.mapper().writeValueAsBytes(customerMessage(openId, reply));
    } catch (IOException e) {
      throw new IllegalStateException("a message of strings always serializes", e);
    }
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return call(request).thenApply(json -> null);
  }

  static ObjectNode customerMessage(String openId, ChatReply reply) {
    ObjectNode message = StatusJson.mapper().createObjectNode().put("touser", openId);
    if (reply instanceof ChatReply.News news) {
      message.put("msgtype", "news");
      var articles = message.putObject("news").putArray("articles");
      for (ChatReply.Article article : news.articles()) {
        articles.addObject()
            .put("title", article.title())
            .put("description", article.description())
            .put("url", article.url())
            .put("picurl", article.pictureUrl());
      }
    } else {
      message.put("msgtype", "text");
      message.putObject("text").put("content", reply instanceof ChatReply.Text text ? text.content() : "");
    }
    return message;
  }

  /** The JSON answer of a 2xx response whose errcode is 0 or absent. */
  private CompletionStage<JsonNode> call(HttpRequest request) {
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(
            response -> {
              if (response.statusCode() / 100 != 2) {
                throw new CompletionException(new IOException("WeChat API answered HTTP " + response.statusCode()));
              }
              JsonNode json;
              try {
                json = StatusJson.mapper().readTree(response.body());
              } catch (IOException e) {
                throw new CompletionException(new IOException("WeChat API answered something that is not JSON"));
              }
              int errcode = json.path("errcode").asInt(0);
              if (errcode != 0) {
                throw new CompletionException(new WechatApiException(errcode, json.path("errmsg").asText("")));
              }
              return json;
            });
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
