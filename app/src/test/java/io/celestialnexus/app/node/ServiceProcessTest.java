package io.celestialnexus.app.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.engine.status.StatusJson;
import io.celestialnexus.engine.testing.Promtool;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as operators run it: a separate JVM started with {@code nexus start}, configured only through the
 * environment, refusing a second instance on its data dir, and stopping cleanly on SIGTERM.
 */
class ServiceProcessTest {

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

  private Process fork(Map<String, String> env, String log, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "io.celestialnexus.app.Main"));
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private void awaitReady(int port) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      assertTrue(service.isAlive(), () -> "service died: " + read("service.log"));
      try {
        if (get(port, "/health/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException notYetListening) {
        // keep waiting
      }
      service.waitFor(100, TimeUnit.MILLISECONDS); // waits on the process, returning early only if it exits
    }
    throw new AssertionError("not ready within 60 s: " + read("service.log"));
  }

  private String read(String name) {
    try {
      return Files.readString(dir.resolve(name));
    } catch (IOException e) {
      return "(no " + name + ")";
    }
  }

  @Test
  void runsFromTheEnvironmentRefusesASecondInstanceAndStopsCleanlyOnSigterm() throws Exception {
    int port = freePort();
    Map<String, String> env = Map.of("AI_HEALTH_PORT", Integer.toString(port), "NEXUS_DATA_DIR", dir.resolve("node-data").toString(), "NEXUS_LOG_DIR", dir.resolve("node-logs").toString());
    service = fork(env, "service.log", "start");
    awaitReady(port);

    // the environment chose the port and the data dir
    JsonNode status = StatusJson.mapper().readTree(get(port, "/status").body());
    assertEquals(service.pid(), status.get("node").get("pid").asLong());
    assertTrue(Files.exists(dir.resolve("node-data/reports/status.json")));

    // metrics of the whole node, JVM and process included, pass promtool
    String metrics = get(port, "/metrics").body();
    assertTrue(metrics.contains("jvm_memory_used_bytes"), "JVM meters are bound");
    assertTrue(metrics.contains("process_cpu_usage"), "process meters are bound");
    Promtool.assertValid(metrics);

    // a second instance on the same data dir refuses, naming the first one's PID
    Process second = fork(env, "second.log", "start");
    assertTrue(second.waitFor(60, TimeUnit.SECONDS));
    assertNotEquals(0, second.exitValue());
    assertTrue(read("second.log").contains("another nexus (PID " + service.pid() + ") is running"), read("second.log"));

    Instant signalled = Instant.now();
    service.destroy(); // SIGTERM
    assertTrue(service.waitFor(30, TimeUnit.SECONDS), "stopped within 30 s");
    assertEquals(143, service.exitValue(), read("service.log"));
    JsonNode last = StatusJson.mapper().readTree(dir.resolve("node-data/reports/status.json").toFile());
    assertTrue(Instant.parse(last.get("generatedAt").asText()).isAfter(signalled.minusSeconds(1)));
    for (JsonNode task : last.get("tasks")) {
      assertEquals("STOPPED", task.get("state").asText(), task.toString());
    }
    assertFinalStatusSaysNothingIsUp(last);
    assertTrue(read("service.log").contains("CoordinatedShutdown"), read("service.log"));
  }

  /** The file a stopped node leaves behind: storage and every listener down with it, not "up". */
  private static void assertFinalStatusSaysNothingIsUp(JsonNode last) {
    assertTrue(last.get("components").size() >= 1, last.toString());
    for (JsonNode component : last.get("components")) {
      assertFalse(component.get("up").asBoolean(), component.toString());
      assertTrue(component.get("detail").asText().startsWith("stopped"), component.toString());
    }
    assertFalse(last.get("ready").asBoolean(), last.toString());
  }

  @Test
  void ctrlCStopsCleanlyWithExit130AndAFinalStatusThatSaysNothingIsUp() throws Exception {
    int port = freePort();
    Map<String, String> env = Map.of("AI_HEALTH_PORT", Integer.toString(port), "NEXUS_DATA_DIR", dir.resolve("node-data").toString(),
        "NEXUS_LOG_DIR", dir.resolve("node-logs").toString());
    service = fork(env, "service.log", "start");
    awaitReady(port);
    Process interrupt = new ProcessBuilder("kill", "-INT", Long.toString(service.pid())).start();
    assertEquals(0, interrupt.waitFor());
    assertTrue(service.waitFor(30, TimeUnit.SECONDS), "stopped within 30 s");
    assertEquals(130, service.exitValue(), read("service.log"));
    assertFinalStatusSaysNothingIsUp(StatusJson.mapper().readTree(dir.resolve("node-data/reports/status.json").toFile()));
  }

  @Test
  void invalidConfigurationFromTheEnvironmentExitsTwo() throws Exception {
    service = fork(Map.of("AI_HEALTH_PORT", "not-a-port"), "bad.log", "start");
    assertTrue(service.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, service.exitValue());
    assertTrue(read("bad.log").contains("nexus.http.api.port"), read("bad.log"));
  }

  @Test
  void anOccupiedPortFailsTheStartWithAClearMessage() throws Exception {
    try (var taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      service = fork(Map.of("AI_HEALTH_PORT", Integer.toString(taken.getLocalPort())), "taken.log", "start");
      assertTrue(service.waitFor(60, TimeUnit.SECONDS));
      assertEquals(1, service.exitValue());
      assertTrue(read("taken.log").contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), read("taken.log"));
    }
  }
}
