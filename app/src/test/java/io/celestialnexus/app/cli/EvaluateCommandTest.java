package io.celestialnexus.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.app.CommandLineRun;
import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.DrawCsv;
import io.celestialnexus.engine.status.StatusJson;
import io.celestialnexus.engine.testing.SyntheticDraws;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

  @TempDir Path dir;

  private Path csv(String name, List<Draw> draws) throws IOException {
    String rows =
        draws.stream()
            .map(d -> d.issue() + "," + d.date() + "," + d.reds().stream().map(String::valueOf).collect(Collectors.joining(",")) + "," + d.blue())
            .collect(Collectors.joining("\n"));
    return Files.writeString(dir.resolve(name), String.join(",", DrawCsv.HEADER) + "\n" + rows + "\n");
  }

  private String dataDirConfig() throws IOException {
    return Files.writeString(dir.resolve("nexus.conf"), "nexus.data.dir = \"" + dir.resolve("data") + "\"\n").toString();
  }

  @Test
  void aHistoryFileIsEvaluatedOfflineAsJson() throws IOException {
    Path history = csv("fair.csv", SyntheticDraws.fair(200, 4));
    CommandLineRun run = CommandLineRun.of("evaluate", "--history", history.toString(), "--format", "json", "--config", dataDirConfig());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode report = StatusJson.mapper().readTree(run.out());
    assertEquals("fair.csv", report.path("source").asText());
    assertEquals(200, report.path("draws").asInt());
    assertEquals(9, report.path("rows").size(), "eight strategies and the fusion");
    assertEquals(36 / 33.0, report.path("baseline").path("expectedRedHits").asDouble(), 1e-12);
    assertFalse(report.path("skillClaimed").asBoolean(), report.path("verdict").asText());
    assertFalse(Files.exists(dir.resolve("data")), "an offline evaluation writes nothing to the node's data dir");
  }

  @Test
  void markdownIsTheDefaultAndAWindowReportsOnTheLatestDraws() throws IOException {
    Path history = csv("fair.csv", SyntheticDraws.fair(120, 5));
    CommandLineRun run = CommandLineRun.of("evaluate", "--history", history.toString(), "--window", "40");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("# SSQ evaluation: fair.csv"), run.out());
    assertTrue(run.out().contains("Walk-forward over 40 draws"), run.out());
    assertTrue(run.out().contains("**Verdict:** No evidence of skill"), run.out());
  }

  @Test
  void badRowsAreEachNamedAndNothingIsEvaluated() throws IOException {
    Path history =
        Files.writeString(
            dir.resolve("bad.csv"),
            "issue,date,r1,r2,r3,r4,r5,r6,blue\n2026001,2026-01-01,1,2,3,4,5,34,1\n2026002,2026-01-03,1,2,3,4,5,6,1\n2026003,2026-01-06,1,1,3,4,5,6,1\n");
    CommandLineRun run = CommandLineRun.of("evaluate", "--history", history.toString());
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("bad.csv: line 2: red 34 outside 1..33"), run.err());
    assertTrue(run.err().contains("bad.csv: line 4: red 1 repeated"), run.err());
    assertTrue(run.err().contains("2 bad row(s); nothing was evaluated"), run.err());
    assertEquals("", run.out());
  }

  @Test
  void withoutAHistoryItSaysLiveEvaluationNeedsThePredictionLoop() {
    CommandLineRun run = CommandLineRun.of("evaluate");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("prediction log"), run.err());
    assertTrue(run.err().contains("ssq-cycle"), run.err());
    assertTrue(run.err().contains("--history FILE"), run.err());
  }

  @Test
  void usageMistakesExitTwo() throws IOException {
    Path history = csv("fair.csv", SyntheticDraws.fair(30, 6));
    CommandLineRun format = CommandLineRun.of("evaluate", "--history", history.toString(), "--format", "xml");
    assertEquals(2, format.exitCode());
    assertTrue(format.err().contains("--format must be md or json"), format.err());
    assertEquals(2, CommandLineRun.of("evaluate", "--history", history.toString(), "--window", "-3").exitCode());
    CommandLineRun missing = CommandLineRun.of("evaluate", "--history", dir.resolve("nope.csv").toString());
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().contains("no such file"), missing.err());
  }
}
