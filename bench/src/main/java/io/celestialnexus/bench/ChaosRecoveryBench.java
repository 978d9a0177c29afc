package io.celestialnexus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.engine.status.StatusJson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Chaos recovery on a running service (java -jar nexus.jar start, chaos on): 200 exception assaults and 20 hang
 * assaults on the housekeeping task, one at a time, each after the task is back and has run healthy past
 * reset-after (so each failure is a first failure). From the task's own timeline: injection -> next step
 * started for exceptions; heartbeat timeout -> next step started for hangs.
 */
public final class ChaosRecoveryBench {

  private static final int EXCEPTIONS = 200;
  private static final int HANGS = 20;
  private static final long HEARTBEAT_TIMEOUT_MS = 1_000;
  private static final long RESET_AFTER_MS = 200;
  private static final String KEY = "bench-key";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String base;

  private ChaosRecoveryBench(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Bench.scratch("chaos-recovery");
    int port = freePort();
    Path conf =
        Files.writeString(
            dir.resolve("chaos.conf"),
            String.join(
                "\n",
                "nexus.engine.timeline.max-events = 20000",
                "nexus.engine.tasks.housekeeping {",
                "  interval = 0ms", // continuous: an assault meets the very next step
                "  heartbeat-timeout = " + HEARTBEAT_TIMEOUT_MS + "ms",
                "  backoff.reset-after = " + RESET_AFTER_MS + "ms",
                "  backoff.flap-limit = 100000",
                "}",
                "nexus.engine.alerts.storm-restarts = 100000",
                ""));
    var command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:+UseParallelGC",
            "-jar",
            Path.of("app/target/nexus.jar").toAbsolutePath().toString(),
            "start",
            "--config",
            conf.toString());
    var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile());
    builder.environment().put("AI_HEALTH_PORT", Integer.toString(port));
    builder.environment().put("NEXUS_DATA_DIR", dir.resolve("data").toString());
    builder.environment().put("NEXUS_LOG_DIR", dir.resolve("logs").toString());
    builder.environment().put("NEXUS_CHAOS_ENABLED", "on");
    builder.environment().put("NEXUS_API_KEY", KEY);
    Process service = builder.start();
    try {
      var bench = new ChaosRecoveryBench(port);
      bench.awaitReady(service);
      bench.run();
    } finally {
      service.destroy();
      service.waitFor(60, TimeUnit.SECONDS);
    }
  }

  private void run() throws Exception {
    double[] injectionToStep = new double[EXCEPTIONS];
    double[] failureToStep = new double[EXCEPTIONS];
    for (int i = 0; i < EXCEPTIONS; i++) {
      long injected = inject("{\"assault\":\"exception\"}");
      List<JsonNode> events = awaitEvents(injected, "FAILED");
      JsonNode failed = first(events, "FAILED", injected - 1);
      JsonNode next = first(events, "STEP_STARTED", failed.get("at").asLong());
      injectionToStep[i] = next.get("at").asLong() - injected;
      failureToStep[i] = next.get("at").asLong() - failed.get("at").asLong();
      Thread.sleep(RESET_AFTER_MS + 100); // healthy past reset-after: the next failure is a first failure again
    }
    double[] overTimeout = new double[HANGS];
    for (int i = 0; i < HANGS; i++) {
      long injected = inject("{\"assault\":\"hang\"}");
      List<JsonNode> events = awaitEvents(injected, "STALLED");
      JsonNode stalled = first(events, "STALLED", injected - 1);
      // the hung step may have started a moment before the injection was stamped: take the start recorded with it
      JsonNode hung = events.get(events.indexOf(stalled) - 1);
      JsonNode next = first(events, "STEP_STARTED", stalled.get("at").asLong());
      overTimeout[i] = next.get("at").asLong() - (hung.get("at").asLong() + HEARTBEAT_TIMEOUT_MS);
      Thread.sleep(RESET_AFTER_MS + 100);
    }
    Bench.note("exception: injection -> next step started, median %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
        Bench.percentile(injectionToStep, 50), Bench.percentile(injectionToStep, 90), Bench.percentile(injectionToStep, 99),
        Bench.percentile(injectionToStep, 100));
    Bench.note("exception: failure -> next step started, median %.1f ms, p99 %.1f ms, max %.1f ms",
        Bench.percentile(failureToStep, 50), Bench.percentile(failureToStep, 99), Bench.percentile(failureToStep, 100));
    Bench.note("hang: heartbeat timeout (%d ms) -> next step started, median +%.1f ms, max +%.1f ms",
        HEARTBEAT_TIMEOUT_MS, Bench.percentile(overTimeout, 50), Bench.percentile(overTimeout, 100));
    Bench.result("chaos-recovery.exception.median", Bench.percentile(injectionToStep, 50), "ms");
    Bench.result("chaos-recovery.exception.p99", Bench.percentile(injectionToStep, 99), "ms");
    Bench.result("chaos-recovery.exception.failure-to-step.median", Bench.percentile(failureToStep, 50), "ms");
    Bench.result("chaos-recovery.hang.over-timeout.median", Bench.percentile(overTimeout, 50), "ms");
    Bench.result("chaos-recovery.hang.over-timeout.max", Bench.percentile(overTimeout, 100), "ms");
  }

  private long inject(String body) throws IOException, InterruptedException {
    long at = System.currentTimeMillis();
    var request =
        HttpRequest.newBuilder(URI.create(base + "/api/chaos/tasks/housekeeping"))
            .header("Authorization", "Bearer " + KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 202) {
      throw new IllegalStateException("injection refused: " + response.statusCode() + " " + response.body());
    }
    return at;
  }

  /**
   * The timeline around an injection stamped {@code since}, once an event of {@code type} after it is followed by
   * a fresh step start. It reaches back a little before the stamp, so the step an assault hit is always in it.
   */
  private List<JsonNode> awaitEvents(long since, String type) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      var response =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/tasks/housekeeping/events?since=" + (since - 200))).build(),
              HttpResponse.BodyHandlers.ofString());
      List<JsonNode> events = new ArrayList<>();
      StatusJson.mapper().readTree(response.body()).forEach(events::add);
      JsonNode failure = first(events, type, since - 1);
      if (failure != null && first(events, "STEP_STARTED", failure.get("at").asLong()) != null) {
        return events;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("no " + type + " followed by a new step within 30 s");
  }

  /** The first event of {@code type} stamped after {@code after}, or null. */
  private static JsonNode first(List<JsonNode> events, String type, long after) {
    return events.stream()
        .filter(event -> event.get("type").asText().equals(type) && event.get("at").asLong() > after)
        .findFirst()
        .orElse(null);
  }

  private void awaitReady(Process service) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!service.isAlive()) {
        throw new IllegalStateException("service exited with " + service.exitValue());
      }
      try {
        var ready = http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(), HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (ConnectException notYet) {
        // keep waiting
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("service not ready within 60 s");
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
