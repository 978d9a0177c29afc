package io.celestialnexus.bench;

import static java.time.Duration.ofHours;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import io.celestialnexus.app.node.NexusNode;
import io.celestialnexus.engine.supervision.BackoffSettings;
import io.celestialnexus.engine.task.Schedule;
import io.celestialnexus.engine.task.Task;
import io.celestialnexus.engine.task.TaskContext;
import io.celestialnexus.engine.task.TaskSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Restart latency: a task that throws on every step, each time after running healthy for longer than
 * reset-after, so every failure is a "first" failure and restarts immediately. Measured from the moment the
 * step throws to the next step's start, on the step threads' monotonic clock. Beside it, in the same run,
 * Debian's supervisord restarting a program that exits at once.
 */
public final class RestartLatencyBench {

  private static final int WARMUP = 100;
  private static final int MEASURED = 1_000;
  private static final int PEER_RESTARTS = 20;

  public static void main(String[] args) throws Exception {
    Path dir = Bench.scratch("restart-latency");
    double[] ours = measureOurs(dir);
    double[] peer = measureSupervisord(dir);

    double oursMedian = Bench.percentile(ours, 50);
    double peerMedian = Bench.percentile(peer, 50);
    Bench.note("nexus:       %d first restarts, median %.3f ms, p99 %.3f ms, max %.3f ms", ours.length, oursMedian,
        Bench.percentile(ours, 99), Bench.percentile(ours, 100));
    Bench.note("supervisord: %d restarts, median %.1f ms, p99 %.1f ms", peer.length, peerMedian, Bench.percentile(peer, 99));
    Bench.result("restart-latency.median", oursMedian, "ms");
    Bench.result("restart-latency.p99", Bench.percentile(ours, 99), "ms");
    Bench.result("restart-latency.peer", peerMedian, "ms");
    Bench.result("restart-latency.peer.p99", Bench.percentile(peer, 99), "ms");
    Bench.result("restart-latency.ratio", peerMedian / oursMedian, "x");
    System.exit(0);
  }

  private static double[] measureOurs(Path dir) throws Exception {
    var crasher = new Crasher(WARMUP + MEASURED + 1);
    NexusNode node = Bench.node(dir, List.of(crasher), "nexus.engine.alerts.storm-restarts = 1000000\n");
    try {
      if (!crasher.done.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("crasher did not reach " + crasher.starts.length + " steps");
      }
    } finally {
      node.close();
    }
    double[] latencies = new double[MEASURED];
    for (int i = 0; i < MEASURED; i++) {
      int failed = WARMUP + i;
      latencies[i] = (crasher.starts[failed + 1] - crasher.failures[failed]) / 1e6;
    }
    return latencies;
  }

  /** Throws after outliving reset-after, so its supervisor treats every failure as the first after health. */
  private static final class Crasher implements Task {
    private static final Duration RESET_AFTER = ofMillis(10);
    private static final long HEALTHY_RUN_MILLIS = 40;

    final long[] starts;
    final long[] failures;
    final CountDownLatch done = new CountDownLatch(1);
    private int step;

    Crasher(int steps) {
      starts = new long[steps];
      failures = new long[steps];
    }

    @Override
    public String name() {
      return "crasher";
    }

    @Override
    public TaskSettings settings() {
      var backoff = new BackoffSettings(ofSeconds(1), ofSeconds(300), 0.2, RESET_AFTER, 1_000_000, ofMinutes(10));
      return new TaskSettings(new Schedule.Fixed(ofHours(1)), ofSeconds(60), ofSeconds(60), backoff);
    }

    @Override
    public Map<String, Object> step(TaskContext context) throws InterruptedException {
      long now = System.nanoTime();
      // steps never overlap (one runner at a time, the next starts after this one threw), so no locking
      int index = step++;
      if (index >= starts.length) {
        done.countDown(); // enough: from here on it runs healthy (hourly), so the node stops at once
        return Map.of();
      }
      starts[index] = now;
      Thread.sleep(HEALTHY_RUN_MILLIS);
      failures[index] = System.nanoTime();
      throw new IllegalStateException("crash " + index);
    }
  }

  private static double[] measureSupervisord(Path dir) throws IOException, InterruptedException {
    Path events = dir.resolve("supervisord-events");
    Path conf = dir.resolve("supervisord.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "[supervisord]",
            "nodaemon=true",
            "logfile=" + dir.resolve("supervisord.log"),
            "pidfile=" + dir.resolve("supervisord.pid"),
            "childlogdir=" + dir,
            "[program:crasher]",
            "command=/bin/sh -c 'echo start $(date +%%s%%N) >> " + events + "; echo exit $(date +%%s%%N) >> " + events
                + "; exit 1'",
            "autorestart=true",
            "startsecs=0",
            "startretries=1000000",
            ""));
    Process supervisord = new ProcessBuilder("supervisord", "-c", conf.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("supervisord.out").toFile()).start();
    Instant deadline = Instant.now().plus(ofMinutes(2));
    try {
      while (startsIn(events) < PEER_RESTARTS + 1) {
        if (Instant.now().isAfter(deadline) || !supervisord.isAlive()) {
          throw new IllegalStateException("supervisord made too few restarts; see " + dir);
        }
        supervisord.waitFor(200, TimeUnit.MILLISECONDS);
      }
    } finally {
      supervisord.destroy();
      supervisord.waitFor(30, TimeUnit.SECONDS);
    }
    List<Long> starts = new ArrayList<>();
    List<Long> exits = new ArrayList<>();
    for (String line : Files.readAllLines(events, StandardCharsets.US_ASCII)) {
      String[] parts = line.split(" ");
      (parts[0].equals("start") ? starts : exits).add(Long.parseLong(parts[1]));
    }
    int restarts = Math.min(starts.size() - 1, exits.size());
    double[] latencies = new double[restarts];
    for (int i = 0; i < restarts; i++) {
      latencies[i] = (starts.get(i + 1) - exits.get(i)) / 1e6;
    }
    return latencies;
  }

  private static long startsIn(Path events) throws IOException {
    if (!Files.exists(events)) {
      return 0;
    }
    try (var lines = Files.lines(events)) {
      return lines.filter(line -> line.startsWith("start")).count();
    }
  }
}
