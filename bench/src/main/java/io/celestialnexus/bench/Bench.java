package io.celestialnexus.bench;

import io.celestialnexus.app.node.NexusNode;
import io.celestialnexus.app.node.NodeConfig;
import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.engine.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What every benchmark shares: a scratch directory, an in-process node, percentiles and RESULT lines. */
final class Bench {

  private Bench() {}

  /** A fresh scratch directory; logging goes to its bench.log (set before the first logger). */
  static Path scratch(String name) throws IOException {
    Path dir = Files.createTempDirectory("nexus-bench-" + name + "-");
    System.setProperty("nexus.logs.dir", dir.toString());
    System.setProperty("logback.configurationFile", "bench-logback.xml");
    System.err.println("bench: scratch directory " + dir);
    return dir;
  }

  /** A full node (status, tasks, HTTP on a free port) over {@code dir}, with extra config lines. */
  static NexusNode node(Path dir, List<Task> tasks, String extraConfig) throws Exception {
    Path conf =
        Files.writeString(
            dir.resolve("bench.conf"),
            "nexus.data.dir = \"" + dir.resolve("data") + "\"\nnexus.logs.dir = \"" + dir + "\"\nnexus.http.api.port = 0\n"
                + extraConfig);
    NodeSettings settings = NodeSettings.fromConfig(NodeConfig.load(Optional.of(conf)));
    return NexusNode.start(settings, tasks, "bench");
  }

  static NodeSettings settings(Path dir, String extraConfig) throws IOException {
    Path conf = Files.writeString(dir.resolve("settings.conf"), "nexus.data.dir = \"" + dir.resolve("data") + "\"\n" + extraConfig);
    return NodeSettings.fromConfig(NodeConfig.load(Optional.of(conf)));
  }

  /** The p-th percentile (0..100) of {@code values}, nearest rank. */
  static double percentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static void result(String name, double value, String unit) {
    System.out.printf(Locale.ROOT, "RESULT %s %.4f %s%n", name, value, unit);
  }

  static void note(String format, Object... args) {
    System.out.printf(Locale.ROOT, format + "%n", args);
  }
}
