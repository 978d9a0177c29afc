package io.celestialnexus.http.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.celestialnexus.engine.status.StatusJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * WeChat's API as far as we use it, on a free loopback port, speaking WeChat's JSON: {@code GET /cgi-bin/token}
 * (errcode 40013 for a wrong AppID/AppSecret) and {@code POST /cgi-bin/message/custom/send} (errcode 40001 for a
 * token it never issued, 42001 for one it revoked). Tests script further answers.
 */
final class FakeWechatApi implements AutoCloseable {

  static final String APP_ID = "wx0123456789abcdef";
  static final String APP_SECRET = "fake-app-secret-0123456789";

  /** A scripted answer to the next send: an errcode, or an HTTP status when {@code httpStatus} is not 200. */
  record Scripted(int httpStatus, int errcode) {}

  private final HttpServer server;
  private final AtomicInteger tokenFetches = new AtomicInteger();
  private final AtomicInteger generation = new AtomicInteger();
  private final BlockingQueue<JsonNode> delivered = new LinkedBlockingQueue<>();
  private final ConcurrentLinkedDeque<Scripted> nextSends = new ConcurrentLinkedDeque<>();
  private volatile String current;
  private volatile String revoked;
  private volatile CountDownLatch tokenGate;
  private volatile int tokenErrcode;

  FakeWechatApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/cgi-bin/token", this::token);
    server.createContext("/cgi-bin/message/custom/send", this::send);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int tokenFetches() {
    return tokenFetches.get();
  }

  String currentToken() {
    return current;
  }

  /** The customer-service messages received, in order. */
  BlockingQueue<JsonNode> delivered() {
    return delivered;
  }

  /** Token requests wait until {@code gate} opens (several callers can then be seen sharing one fetch). */
  void holdTokenRequests(CountDownLatch gate) {
    this.tokenGate = gate;
  }

  void failTokenRequestsWith(int errcode) {
    this.tokenErrcode = errcode;
  }

  /** The current token stops working (errcode 42001), as when WeChat expires it early. */
  void revokeCurrentToken() {
    revoked = current;
    current = null;
  }

  void scriptNextSend(int httpStatus, int errcode) {
    nextSends.add(new Scripted(httpStatus, errcode));
  }

  private void token(HttpExchange exchange) throws IOException {
    tokenFetches.incrementAndGet();
    CountDownLatch gate = tokenGate;
    if (gate != null) {
      try {
        gate.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Map<String, String> query = query(exchange);
    if (!"client_credential".equals(query.get("grant_type"))) {
      json(exchange, 200, "{\"errcode\":40002,\"errmsg\":\"invalid grant_type\"}");
    } else if (!APP_ID.equals(query.get("appid")) || !APP_SECRET.equals(query.get("secret"))) {
      json(exchange, 200, "{\"errcode\":40013,\"errmsg\":\"invalid appid\"}");
    } else if (tokenErrcode != 0) {
      json(exchange, 200, "{\"errcode\":" + tokenErrcode + ",\"errmsg\":\"system error\"}");
    } else {
      current = "ACCESS_TOKEN_" + generation.incrementAndGet();
      json(exchange, 200, "{\"access_token\":\"" + current + "\",\"expires_in\":7200}");
    }
  }

  private void send(HttpExchange exchange) throws IOException {
    JsonNode body = StatusJson.mapper().readTree(exchange.getRequestBody());
    Scripted scripted = nextSends.poll();
    String token = query(exchange).get("access_token");
    if (scripted != null && scripted.httpStatus() != 200) {
      json(exchange, scripted.httpStatus(), "{\"error\":\"scripted\"}");
    } else if (scripted != null) {
      json(exchange, 200, "{\"errcode\":" + scripted.errcode() + ",\"errmsg\":\"scripted failure\"}");
    } else if (token != null && token.equals(revoked)) {
      json(exchange, 200, "{\"errcode\":42001,\"errmsg\":\"access_token expired\"}");
    } else if (token == null || !token.equals(current)) {
      json(exchange, 200, "{\"errcode\":40001,\"errmsg\":\"invalid credential, access_token is invalid or not latest\"}");
    } else {
      delivered.add(body);
      json(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
    }
  }

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> query = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return query;
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; encoding=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    CountDownLatch gate = tokenGate;
    if (gate != null) {
      gate.countDown();
    }
    server.stop(0);
  }
}
