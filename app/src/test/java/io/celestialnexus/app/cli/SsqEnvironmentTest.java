package io.celestialnexus.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed system's SSQ_*, AUTORL_* and VIS_* variables reach nexus.engine.ssq in a real process. */
class SsqEnvironmentTest {

  @TempDir Path dir;

  private record Result(int exitCode, String output) {}

  private Result printConfig(Map<String, String> env) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "io.celestialnexus.app.Main", "print-config"));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "print-config did not finish");
    return new Result(process.exitValue(), output);
  }

  @Test
  void theSeedVariablesOverrideTheShippedDefaults() throws Exception {
    Result result =
        printConfig(
            Map.of(
                "AUTORL_PROMOTE", "0",
                "AUTORL_PROMOTE_STRATEGY", "replace",
                "AUTORL_PROMOTE_MIN_DELTA", "0.07",
                "VIS_MIN_INTERVAL_HOURS", "2",
                "SSQ_MAX_ATTEMPTS_PER_ISSUE", "0"));
    assertEquals(0, result.exitCode(), result.output());
    String output = result.output();
    // environment values arrive as strings, hence the quotes; the settings read them as numbers
    assertTrue(output.contains("promote=\"0\""), output);
    assertTrue(output.contains("promote-strategy=replace"), output);
    assertTrue(output.contains("promote-min-delta=\"0.07\""), output);
    assertTrue(output.contains("min-interval-hours=\"2\""), output);
    assertTrue(output.contains("max-attempts-per-issue=\"0\""), output);
    assertTrue(output.contains("min-interval-hours=24"), "AUTORL_MIN_INTERVAL_HOURS unset keeps the default: " + output);
  }

  @Test
  void aBadSeedVariableIsOneLineNamingTheKeyAndExitTwo() throws Exception {
    Result result = printConfig(Map.of("AUTORL_PROMOTE_STRATEGY", "sideways"));
    assertEquals(2, result.exitCode(), result.output());
    assertTrue(result.output().contains("nexus.engine.ssq.autorl.promote-strategy"), result.output());
  }
}
