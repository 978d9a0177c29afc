package io.celestialnexus.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Prometheus' own checker, {@code promtool}. It comes from Debian's {@code prometheus} package, which CI
 * installs and marks required with NEXUS_REQUIRE_PROMTOOL=1; elsewhere a missing promtool skips the check
 * rather than failing on a tool the machine lacks.
 */
public final class Promtool {

  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

  private Promtool() {}

  /** {@code promtool check metrics}: the exposition must pass without a single lint warning. */
  public static void assertValid(String exposition) throws IOException, InterruptedException {
    String output = run(exposition, "check", "metrics");
    assertEquals("", output.strip(), "promtool warnings:\n" + output);
  }

  /** Runs {@code promtool args...}, asserts exit 0, answers what it printed. */
  public static String run(String stdin, String... args) throws IOException, InterruptedException {
    boolean present = Files.isExecutable(PROMTOOL);
    if (!present && "1".equals(System.getenv("NEXUS_REQUIRE_PROMTOOL"))) {
      throw new AssertionError("promtool is required (NEXUS_REQUIRE_PROMTOOL=1) but " + PROMTOOL + " is missing");
    }
    Assumptions.assumeTrue(present, "promtool not installed (apt-get install prometheus)");
    List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
    command.addAll(List.of(args));
    Process promtool = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (var in = promtool.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    promtool.waitFor(30, TimeUnit.SECONDS);
    assertEquals(0, promtool.exitValue(), "promtool " + String.join(" ", args) + ":\n" + output);
    return output;
  }
}
