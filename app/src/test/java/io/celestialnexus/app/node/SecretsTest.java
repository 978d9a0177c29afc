package io.celestialnexus.app.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.persistence.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as operators run it (a separate JVM, configured by the environment, on PostgreSQL) with every secret
 * it knows set: the API keys, a database password inside {@code NEXUS_DB_URL} and in {@code NEXUS_DB_PASSWORD}, the
 * WeChat token, AES key and app secret, the external AI's key and the alert channels' secrets. None of them may
 * appear in {@code print-config}, the node's logs (console and files), {@code /status}, {@code /metrics} or the
 * reports it writes, even after requests that are refused (a wrong key, a key in the URL, a bad WeChat signature)
 * and outbound calls that fail. A data dir the node creates is its owner's only (0700).
 */
class SecretsTest {

  @TempDir Path dir;

  private final HttpClient client = HttpClient.newHttpClient();
  private Process service;

  @AfterEach
  void killLeftovers() throws InterruptedException {
    if (service != null && service.isAlive()) {
      service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Secret name to value; each value is distinctive so that a hit cannot be a coincidence. */
  private static Map<String, String> secrets() {
    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put("db url password", "DbUrlPw7f3a9c");
    secrets.put("NEXUS_DB_PASSWORD", "DbEnvPw51d0e2");
    secrets.put("NEXUS_API_KEY", "AdminKey9b8c7d6e");
    secrets.put("NEXUS_API_KEYS", "OperateKey3e4f5a6b");
    secrets.put("WECHAT_TOKEN", "WxToken0a1b2c3d");
    secrets.put("WECHAT_ENCODING_AES_KEY", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
    secrets.put("WECHAT_APPSECRET", "WxAppSecret4d5e6f");
    secrets.put("EXTERNAL_SERVICE_API_KEY", "AiKey8c9d0e1f");
    secrets.put("alert webhook token", "HookTok2b3c4d5e");
    secrets.put("NEXUS_ALERT_DINGTALK_SECRET", "DingSign6f7a8b9c");
    secrets.put("NEXUS_ALERT_FEISHU_SECRET", "FeishuSign0d1e2f3a");
    secrets.put("NEXUS_ALERT_SMTP_PASSWORD", "SmtpPw4b5c6d7e");
    return secrets;
  }

  private Map<String, String> environment(TestDatabase db, int apiPort, int wechatPort, int closedPort) {
    Map<String, String> s = secrets();
    String nowhere = "http://127.0.0.1:" + closedPort;
    Map<String, String> env = new HashMap<>();
    env.put("AI_HEALTH_PORT", Integer.toString(apiPort));
    env.put("NEXUS_DATA_DIR", dir.resolve("fresh/node-data").toString());
    env.put("NEXUS_LOG_DIR", dir.resolve("logs").toString());
    env.put("NEXUS_STORAGE_KIND", "postgres");
    env.put("NEXUS_DB_URL", "jdbc:postgresql://127.0.0.1:" + TestDatabase.PG_PORT + "/" + db.name() + "?user=postgres&password=" + s.get("db url password"));
    env.put("NEXUS_DB_USER", "postgres");
    env.put("NEXUS_DB_PASSWORD", s.get("NEXUS_DB_PASSWORD"));
    env.put("NEXUS_API_KEY", s.get("NEXUS_API_KEY"));
    env.put("NEXUS_API_KEYS", "robot:operate:" + s.get("NEXUS_API_KEYS"));
    env.put("WECHAT_PORT", Integer.toString(wechatPort));
    env.put("WECHAT_TOKEN", s.get("WECHAT_TOKEN"));
    env.put("WECHAT_ENCODING_AES_KEY", s.get("WECHAT_ENCODING_AES_KEY"));
    env.put("WECHAT_APPID", "wx0123456789abcdef");
    env.put("WECHAT_APPSECRET", s.get("WECHAT_APPSECRET"));
    env.put("WECHAT_API_BASE_URL", nowhere);
    env.put("EXTERNAL_SERVICE_TYPE", "openai");
    env.put("EXTERNAL_SERVICE_URL", nowhere + "/v1");
    env.put("EXTERNAL_SERVICE_API_KEY", s.get("EXTERNAL_SERVICE_API_KEY"));
    // the alert channels (where this build has them): every one pointed at a closed local port
    env.put("NEXUS_ALERT_WEBHOOK_URL", nowhere + "/hook?token=" + s.get("alert webhook token"));
    env.put("NEXUS_ALERT_DINGTALK_URL", nowhere + "/robot/send?access_token=" + s.get("alert webhook token"));
    env.put("NEXUS_ALERT_DINGTALK_SECRET", s.get("NEXUS_ALERT_DINGTALK_SECRET"));
    env.put("NEXUS_ALERT_FEISHU_URL", nowhere + "/open-apis/bot/v2/hook/" + s.get("alert webhook token"));
    env.put("NEXUS_ALERT_FEISHU_SECRET", s.get("NEXUS_ALERT_FEISHU_SECRET"));
    env.put("NEXUS_ALERT_SMTP_HOST", "127.0.0.1");
    env.put("NEXUS_ALERT_SMTP_PORT", Integer.toString(closedPort));
    env.put("NEXUS_ALERT_SMTP_PASSWORD", s.get("NEXUS_ALERT_SMTP_PASSWORD"));
    env.put("NEXUS_ALERT_SMTP_USER", "alerts");
    env.put("NEXUS_ALERT_SMTP_FROM", "nexus@example.org");
    env.put("NEXUS_ALERT_SMTP_TO", "ops@example.org");
    return env;
  }

  private Process fork(Map<String, String> env, String log, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "io.celestialnexus.app.Main"));
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  private HttpResponse<String> send(String url, String key) throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(URI.create(url));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void awaitReady(int port) throws Exception {
    Instant deadline = Instant.now().plusSeconds(90);
    while (Instant.now().isBefore(deadline)) {
      assertTrue(service.isAlive(), () -> "service died: " + read(dir.resolve("service.log")));
      try {
        if (send("http://127.0.0.1:" + port + "/health/ready", null).statusCode() == 200) {
          return;
        }
      } catch (IOException notYetListening) {
        // keep waiting
      }
      service.waitFor(100, TimeUnit.MILLISECONDS);
    }
    throw new AssertionError("not ready within 90 s: " + read(dir.resolve("service.log")));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  @Test
  void noSecretAppearsInPrintConfigLogsStatusMetricsOrReports() throws Exception {
    try (TestDatabase db = TestDatabase.postgres().withSchema()) {
      int apiPort = freePort();
      int wechatPort = freePort();
      Map<String, String> env = environment(db, apiPort, wechatPort, freePort());
      String admin = secrets().get("NEXUS_API_KEY");
      Map<String, String> seen = new LinkedHashMap<>();

      Process printConfig = fork(env, "print-config.txt", "print-config");
      assertTrue(printConfig.waitFor(60, TimeUnit.SECONDS));
      String config = read(dir.resolve("print-config.txt"));
      assertEquals(0, printConfig.exitValue(), config);
      assertTrue(config.contains("/" + db.name() + "?user=postgres&password=****"), "says where the database is, not its password: " + config);
      seen.put("print-config", config);

      service = fork(env, "service.log", "start");
      awaitReady(apiPort);
      String api = "http://127.0.0.1:" + apiPort;
      // refused requests and failing outbound calls are where secrets tend to leak into logs
      assertEquals(401, send(api + "/status", "wrong-" + admin).statusCode());
      assertEquals(400, send(api + "/status?access_token=" + admin, null).statusCode());
      send("http://127.0.0.1:" + wechatPort + "/wechat?signature=bad&timestamp=1&nonce=2&echostr=x", null);
      seen.put("/status", send(api + "/status", admin).body());
      seen.put("/metrics", send(api + "/metrics", admin).body());
      seen.put("/health", send(api + "/health", null).body());

      service.destroy(); // SIGTERM: the final status and every log line are written
      assertTrue(service.waitFor(45, TimeUnit.SECONDS), "stopped");
      seen.put("service console", read(dir.resolve("service.log")));
      Files.createDirectories(dir.resolve("logs")); // the test classpath's logback may log to the console only
      try (Stream<Path> files = Stream.concat(Files.walk(dir.resolve("logs")), Files.walk(dir.resolve("fresh/node-data/reports")))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          seen.put(dir.relativize(file).toString(), read(file));
        }
      }
      assertTrue(seen.get("service console").contains("up: health"), "the node's log was captured: " + seen.get("service console"));
      assertTrue(seen.get("/status").contains("\"storage\""), seen.get("/status"));

      List<String> leaks = new ArrayList<>();
      seen.forEach((where, text) -> secrets().forEach((name, secret) -> {
        if (text.contains(secret)) {
          int at = text.indexOf(secret);
          leaks.add(name + " in " + where + ": ..." + text.substring(Math.max(0, at - 120), Math.min(text.length(), at + 40)).replace("\n", "\\n"));
        }
      }));
      assertTrue(leaks.isEmpty(), String.join("\n", leaks));

      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("fresh/node-data"))),
          "a data dir the node creates is its owner's only");
    }
  }
}
