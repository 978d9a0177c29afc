package io.celestialnexus.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Prometheus' own linter, {@code promtool check metrics}, on an exposition. promtool comes from
 * Debian's {@code prometheus} package, which CI installs and marks required with NEXUS_REQUIRE_PROMTOOL=1;
 * elsewhere a missing promtool skips the check rather than failing on a tool the machine lacks.
 */
public final class Promtool {

  private Promtool() {}

  public static void assertValid(String exposition) throws IOException, InterruptedException {
    boolean present = Files.isExecutable(Path.of("/usr/bin/promtool"));
    if (!present && "1".equals(System.getenv("NEXUS_REQUIRE_PROMTOOL"))) {
      throw new AssertionError("promtool is required (NEXUS_REQUIRE_PROMTOOL=1) but /usr/bin/promtool is missing");
    }
    Assumptions.assumeTrue(present, "promtool not installed (apt-get install prometheus)");
    Process promtool = new ProcessBuilder("/usr/bin/promtool", "check", "metrics").redirectErrorStream(true).start();
    try (var stdin = promtool.getOutputStream()) {
      stdin.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    promtool.waitFor(30, TimeUnit.SECONDS);
    assertEquals(0, promtool.exitValue(), "promtool check metrics:\n" + output);
    assertEquals("", output.strip(), "promtool warnings:\n" + output);
  }
}
