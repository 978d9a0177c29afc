package io.celestialnexus.engine.ssq.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.engine.ssq.SsqTesting;
import io.celestialnexus.engine.ssq.score.PrizeTier;
import io.celestialnexus.engine.ssq.score.RandomBaseline;
import io.celestialnexus.engine.ssq.score.Score;
import io.celestialnexus.engine.status.StatusJson;
import io.celestialnexus.engine.testing.SyntheticDraws;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

  private static final WalkForwardTrace TRACE = SsqTesting.walk(SyntheticDraws.fair(300, 11));

  private static EvaluationReport report(int window) {
    return Evaluator.evaluate(TRACE, window, 0.95, "fair-300.csv");
  }

  @Test
  void everyStrategyAndTheFusionAreReportedBesideTheExactBaseline() {
    EvaluationReport report = report(0);
    List<String> rows = report.rows().stream().map(RowReport::name).toList();
    assertEquals(SsqTesting.NAMES.size() + 1, rows.size());
    assertEquals(Evaluator.FUSION, rows.get(rows.size() - 1));
    assertEquals(27, report.comparisons());
    assertEquals(1 - 0.05 / 27, report.correctedConfidence(), 1e-12);
    for (RowReport row : report.rows()) {
      assertEquals(RandomBaseline.EXPECTED_RED_HITS, row.redHits().baseline());
      assertEquals(RandomBaseline.BLUE_HIT_RATE, row.blueHitRate().baseline());
      assertEquals(RandomBaseline.UNIFORM_LOG_LOSS, row.logLoss().baseline());
      assertTrue(row.redHits().low() <= row.redHits().value() && row.redHits().value() <= row.redHits().high());
      assertEquals(300, row.tiers().values().stream().mapToInt(Integer::intValue).sum());
    }
    assertEquals(300 * RandomBaseline.tierProbability(PrizeTier.SIXTH), report.expectedTierCounts().get(PrizeTier.SIXTH), 1e-9);
  }

  @Test
  void theFiguresAreTheMeansOfTheScores() {
    EvaluationReport report = report(0);
    double hits = 0;
    double losses = 0;
    int blues = 0;
    for (DrawRecord record : TRACE.records()) {
      Score fusion = record.fusion();
      hits += fusion.redHits();
      losses += fusion.logLoss();
      blues += fusion.blueHit() ? 1 : 0;
    }
    RowReport fusion = report.row(Evaluator.FUSION);
    assertEquals(hits / 300, fusion.redHits().value(), 1e-12);
    assertEquals(losses / 300, fusion.logLoss().value(), 1e-9);
    assertEquals(blues / 300.0, fusion.blueHitRate().value(), 1e-12);
  }

  @Test
  void aWindowEvaluatesOnlyTheLatestDraws() {
    EvaluationReport report = report(50);
    assertEquals(50, report.draws());
    assertEquals(TRACE.records().get(250).draw().issue(), report.firstIssue());
    assertEquals(TRACE.records().get(299).draw().issue(), report.lastIssue());
    assertThrows(IllegalArgumentException.class, () -> report(1));
  }

  @Test
  void jsonCarriesEveryFigureAndTheVerdict() throws Exception {
    EvaluationReport report = report(0);
    JsonNode json = StatusJson.mapper().readTree(EvaluationJson.render(report));
    assertEquals(300, json.path("draws").asInt());
    assertEquals(RandomBaseline.EXPECTED_RED_HITS, json.path("baseline").path("expectedRedHits").asDouble(), 1e-15);
    assertEquals(1.0 / 17_721_088, json.path("baseline").path("tierProbabilities").path("FIRST").asDouble(), 1e-20);
    assertEquals(report.rows().size(), json.path("rows").size());
    JsonNode frequency = json.path("rows").get(1);
    assertEquals("frequency", frequency.path("name").asText());
    assertTrue(frequency.path("redHits").has("low") && frequency.path("redHits").has("pValue"));
    assertEquals(report.skillClaimed(), json.path("skillClaimed").asBoolean());
    assertEquals(report, StatusJson.mapper().readValue(EvaluationJson.render(report), EvaluationReport.class));
  }

  @Test
  void markdownShowsTheBaselineBesideEveryHitRateAndTheVerdictFirst() {
    EvaluationReport report = report(0);
    String md = EvaluationMarkdown.render(report);
    assertTrue(md.startsWith("# SSQ evaluation: fair-300.csv"), md);
    assertTrue(md.indexOf("**Verdict:**") < md.indexOf("| strategy |"), "verdict before the figures");
    assertFalse(report.skillClaimed(), report.verdict());
    assertTrue(md.contains("**Verdict:** No evidence of skill"), md);
    for (RowReport row : report.rows()) {
      String line = md.lines().filter(l -> l.startsWith("| " + row.name() + " |") || l.startsWith("| **" + row.name())).findFirst().orElseThrow();
      assertTrue(line.contains("| 1.0909 |"), "red-hit baseline beside " + row.name() + ": " + line);
      assertTrue(line.contains("| 6.25 % |"), "blue baseline beside " + row.name() + ": " + line);
      assertTrue(line.contains("| 23.7516 |"), "uniform log-loss beside " + row.name() + ": " + line);
    }
    assertTrue(md.contains("| 一等奖 first | 6+1 |"), md);
    assertTrue(md.contains("## Weights for the next draw"), md);
  }
}
