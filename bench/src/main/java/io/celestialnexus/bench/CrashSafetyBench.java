package io.celestialnexus.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Crash safety: {@code kill -9} the service ({@link CrashSafetyService}: a full node plus a load driver tuning the
 * live weights and recording each acknowledgement durably) 20 times, at a random moment 0.3 to 2.5 s into its
 * driving; after each restart the service checks that every acknowledged version is there with its weights and
 * that the recovered history equals a replay of the journal. Reported per database: acknowledged events lost
 * (target 0), and how many were checked.
 */
public final class CrashSafetyBench {

  private static final int KILLS = 20;

  public static void main(String[] args) throws Exception {
    Path dir = Bench.scratch("crash-safety");
    BenchStorage.noteLoad("at start");
    long[] h2;
    long[] pg;
    try (BenchStorage storage = BenchStorage.h2(dir.resolve("h2"))) {
      h2 = run(dir.resolve("h2"), "nexus.storage = " + storage.storageConfig().getConfig("nexus.storage").root().render(com.typesafe.config.ConfigRenderOptions.concise()));
    }
    try (BenchStorage storage = BenchStorage.postgres("crash")) {
      pg = run(dir.resolve("postgres"), "nexus.storage = " + storage.storageConfig().getConfig("nexus.storage").root().render(com.typesafe.config.ConfigRenderOptions.concise()));
    }
    Bench.note("H2: %d acknowledged events checked after %d kills; PostgreSQL: %d after %d kills", h2[1], KILLS, pg[1], KILLS);
    Bench.result("crash-safety.h2.lost", h2[0], "events");
    Bench.result("crash-safety.h2.replay-mismatches", h2[2], "versions");
    Bench.result("crash-safety.h2.acknowledged", h2[1], "events");
    Bench.result("crash-safety.postgres.lost", pg[0], "events");
    Bench.result("crash-safety.postgres.replay-mismatches", pg[2], "versions");
    Bench.result("crash-safety.postgres.acknowledged", pg[1], "events");
    BenchStorage.noteLoad("at the end");
    System.exit(0);
  }

  /** {lost in total, acknowledged at the end, replay mismatches in total}. */
  private static long[] run(Path dir, String storageConfig) throws Exception {
    Files.createDirectories(dir);
    Path conf =
        Files.writeString(
            dir.resolve("node.conf"),
            "nexus.data.dir = \"" + dir.resolve("data") + "\"\nnexus.logs.dir = \"" + dir.resolve("logs") + "\"\nnexus.http.api.port = 0\n"
                // the bench's tuner is the only writer of the weights, so that a replay of its acknowledgements is
                // the whole truth (the SSQ loop would add versions of its own)
                + "nexus.engine.ssq.enabled = false\n"
                + storageConfig + "\n");
    Path acks = dir.resolve("acks.log");
    Path results = dir.resolve("results.log");
    Random random = new Random(42);
    for (int kill = 1; kill <= KILLS; kill++) {
      Process service = fork(dir, conf, acks, results, "service-" + kill, false);
      awaitLine(service, dir.resolve("service-" + kill + ".out"), "DRIVING", dir);
      service.waitFor(300 + random.nextInt(2200), TimeUnit.MILLISECONDS); // let it drive, then kill it mid-flight
      service.destroyForcibly(); // SIGKILL
      service.waitFor(60, TimeUnit.SECONDS);
      Bench.note("%s kill %d: %d acknowledgements so far", dir.getFileName(), kill, Files.readAllLines(acks).size());
    }
    Process verify = fork(dir, conf, acks, results, "verify", true);
    if (!verify.waitFor(5, TimeUnit.MINUTES) || verify.exitValue() != 0) {
      throw new IllegalStateException("final verification failed; see " + dir);
    }
    long lost = 0;
    long mismatches = 0;
    List<String> lines = Files.readAllLines(results);
    for (String line : lines) {
      lost += field(line, "lost");
      mismatches += field(line, "replay-mismatches");
    }
    Bench.note("%s: %d checks after restarts:%n  %s", dir.getFileName(), lines.size(), String.join("\n  ", lines));
    return new long[] {lost, Files.readAllLines(acks).size(), mismatches};
  }

  private static Process fork(Path dir, Path conf, Path acks, Path results, String name, boolean verifyOnly) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseParallelGC",
        "-Dlogback.configurationFile=bench-logback.xml", "-Dnexus.logs.dir=" + dir.resolve("logs-" + name),
        "-cp", System.getProperty("java.class.path"), CrashSafetyService.class.getName(), conf.toString(), acks.toString(), results.toString()));
    if (verifyOnly) {
      command.add("verify-only");
    }
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".out").toFile()).start();
  }

  /** Waits until the service's output shows {@code wanted} (the output goes to a log file beside the data). */
  private static void awaitLine(Process service, Path log, String wanted, Path dir) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(wanted)) {
        return;
      }
      if (!service.isAlive()) {
        throw new IllegalStateException("the service exited (" + service.exitValue() + ") before " + wanted + "; see " + log);
      }
      service.waitFor(50, TimeUnit.MILLISECONDS);
    }
    service.destroyForcibly();
    throw new IllegalStateException("the service never printed " + wanted + "; see " + dir);
  }

  private static long field(String line, String name) {
    for (String part : line.strip().split(" ")) {
      if (part.startsWith(name + "=")) {
        return Long.parseLong(part.substring(name.length() + 1));
      }
    }
    return 0;
  }
}
