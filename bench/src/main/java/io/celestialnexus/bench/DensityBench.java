package io.celestialnexus.bench;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import com.sun.management.OperatingSystemMXBean;
import io.celestialnexus.app.node.NexusNode;
import io.celestialnexus.engine.supervision.BackoffSettings;
import io.celestialnexus.engine.task.Schedule;
import io.celestialnexus.engine.task.Task;
import io.celestialnexus.engine.task.TaskContext;
import io.celestialnexus.engine.task.TaskSettings;
import io.micrometer.core.instrument.Counter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Density: 10,000 tasks heartbeating every second on a full node (status board, metrics, HTTP) for 60 s,
 * after a warm-up. Reports heap after GC, process CPU as a share of one core, the worst lateness of a step
 * against its schedule (the engine's heartbeat check lag), and how many tasks were failed as STALLED
 * although every step takes microseconds (false stalls; the target is zero).
 */
public final class DensityBench {

  private static final int TASKS = 10_000;
  private static final Duration INTERVAL = ofSeconds(1);
  private static final Duration HEARTBEAT_TIMEOUT = ofSeconds(5);
  private static final Duration WARMUP = ofSeconds(20);
  private static final Duration MEASURE = ofSeconds(Long.getLong("density.seconds", 60));

  /** Lateness samples in microseconds, recorded only while measuring. */
  private static final int MAX_SAMPLES = TASKS * 70;

  private static final AtomicLongArray samples = new AtomicLongArray(MAX_SAMPLES);
  private static final AtomicInteger sampleCount = new AtomicInteger();
  private static volatile boolean measuring;

  public static void main(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : TASKS;
    Path dir = Bench.scratch("density");
    List<Task> beats = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      beats.add(new Beat("beat-" + i));
    }
    var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (NexusNode node = Bench.node(dir, beats, "nexus.engine.alerts.storm-restarts = 1000000\n")) {
      Bench.note("%d tasks started; warming up %d s", tasks, WARMUP.toSeconds());
      Thread.sleep(WARMUP.toMillis());
      double failuresBefore = failures(node, null);
      double stallsBefore = failures(node, "stalled");
      long cpuBefore = os.getProcessCpuTime();
      long wallBefore = System.nanoTime();
      measuring = true;
      Thread.sleep(MEASURE.toMillis());
      measuring = false;
      long cpu = os.getProcessCpuTime() - cpuBefore;
      long wall = System.nanoTime() - wallBefore;
      double stalls = failures(node, "stalled") - stallsBefore;
      double allFailures = failures(node, null) - failuresBefore;

      System.gc();
      System.gc();
      double heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024.0 / 1024.0;

      int count = Math.min(sampleCount.get(), MAX_SAMPLES);
      double[] lags = new double[count];
      for (int i = 0; i < count; i++) {
        lags[i] = samples.get(i) / 1000.0;
      }
      double cpuShare = 100.0 * cpu / wall;
      Bench.note("%d steps measured (%.0f/s), lateness median %.1f ms, p99 %.1f ms, max %.1f ms", count,
          count / (wall / 1e9), Bench.percentile(lags, 50), Bench.percentile(lags, 99), Bench.percentile(lags, 100));
      Bench.note("failures during the window: %.0f (stalled %.0f); heap after GC %.0f MB; CPU %.1f %% of one core", allFailures,
          stalls, heapMb, cpuShare);
      Bench.result("density.heap-after-gc", heapMb, "MB");
      Bench.result("density.cpu", cpuShare, "percent-of-one-core");
      Bench.result("density.heartbeat-lag.max", Bench.percentile(lags, 100), "ms");
      Bench.result("density.heartbeat-lag.p99", Bench.percentile(lags, 99), "ms");
      Bench.result("density.false-stalled", stalls, "tasks");
      Bench.result("density.steps-per-second", count / (wall / 1e9), "steps/s");
    }
    System.exit(0);
  }

  /** Task failures so far, of one reason or (null) all. */
  private static double failures(NexusNode node, String reason) {
    var search = node.registry().find("nexus.task.failures");
    if (reason != null) {
      search = search.tag("reason", reason);
    }
    return search.counters().stream().mapToDouble(Counter::count).sum();
  }

  /** A task whose step only notes how late it started against its schedule. */
  private static final class Beat implements Task {
    private final String name;
    private long lastEnd;

    Beat(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public TaskSettings settings() {
      var backoff = new BackoffSettings(ofSeconds(1), ofSeconds(300), 0.2, ofMinutes(2), 10, ofMinutes(10));
      return new TaskSettings(new Schedule.Fixed(INTERVAL), HEARTBEAT_TIMEOUT, ofSeconds(30), backoff);
    }

    @Override
    public Map<String, Object> step(TaskContext context) {
      long now = System.nanoTime();
      if (measuring && lastEnd != 0) {
        int index = sampleCount.getAndIncrement();
        if (index < MAX_SAMPLES) {
          samples.set(index, Math.max(0, (now - lastEnd - INTERVAL.toNanos()) / 1_000));
        }
      }
      lastEnd = System.nanoTime();
      return Map.of("beat", lastEnd);
    }
  }
}
