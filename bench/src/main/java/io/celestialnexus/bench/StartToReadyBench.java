package io.celestialnexus.bench;

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
 * Start-to-ready: from launching {@code java -jar app/target/nexus.jar start} (a fresh data dir each time) to
 * {@code /health/ready} answering 200, polled every 5 ms. Measured as {@code ./nexus start} runs it (with the
 * class-data-sharing archive that the launcher keeps, trained here by one run first) and as a plain
 * {@code java -jar} without it. Five runs each; medians and worst cases.
 */
public final class StartToReadyBench {

  private static final int RUNS = 5;
  private static final List<String> QUIET_CDS = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

  public static void main(String[] args) throws Exception {
    Path dir = Bench.scratch("start-to-ready");
    Path archive = dir.resolve("nexus.jsa");
    List<String> training = new ArrayList<>(QUIET_CDS);
    training.add("-XX:ArchiveClassesAtExit=" + archive);
    startAndStop(dir, "train", training);
    if (!Files.exists(archive)) {
      throw new IllegalStateException("the training run wrote no archive; see " + dir);
    }
    List<String> withArchive = new ArrayList<>(QUIET_CDS);
    withArchive.add("-XX:SharedArchiveFile=" + archive);

    double[] launcher = new double[RUNS];
    double[] plain = new double[RUNS];
    for (int run = 0; run < RUNS; run++) {
      launcher[run] = startAndStop(dir, "cds-" + run, withArchive);
      plain[run] = startAndStop(dir, "plain-" + run, List.of());
      Bench.note("run %d: ready after %.0f ms with the archive (./nexus start), %.0f ms plain java -jar", run + 1, launcher[run], plain[run]);
    }
    Bench.result("start-to-ready.median", Bench.percentile(launcher, 50), "ms");
    Bench.result("start-to-ready.max", Bench.percentile(launcher, 100), "ms");
    Bench.result("start-to-ready.plain-java-jar.median", Bench.percentile(plain, 50), "ms");
    Bench.result("start-to-ready.plain-java-jar.max", Bench.percentile(plain, 100), "ms");
  }

  /** Starts a node with {@code jvmOptions}, answers the milliseconds until it was ready, stops it. */
  private static double startAndStop(Path dir, String name, List<String> jvmOptions) throws Exception {
    int port = freePort();
    Path data = dir.resolve(name);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", Path.of("app/target/nexus.jar").toAbsolutePath().toString(), "start"));
    var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
    builder.environment().put("AI_HEALTH_PORT", Integer.toString(port));
    builder.environment().put("NEXUS_DATA_DIR", data.toString());
    builder.environment().put("NEXUS_LOG_DIR", data.resolve("logs").toString());
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
    long start = System.nanoTime();
    Process node = builder.start();
    try {
      awaitReady(client, port, node);
      return (System.nanoTime() - start) / 1e6;
    } finally {
      node.destroy();
      node.waitFor(60, TimeUnit.SECONDS);
    }
  }

  private static void awaitReady(HttpClient client, int port, Process node) throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!node.isAlive()) {
        throw new IllegalStateException("node exited with " + node.exitValue());
      }
      try {
        if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (ConnectException notListeningYet) {
        // keep polling
      }
      node.waitFor(5, TimeUnit.MILLISECONDS);
    }
    throw new IllegalStateException("not ready within 60 s");
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
