package io.celestialnexus.engine.ssq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrawCsvTest {

  private static DrawCsv.Parsed parse(String... lines) throws IOException {
    return DrawCsv.parse(new StringReader("issue,date,r1,r2,r3,r4,r5,r6,blue\n" + String.join("\n", lines) + "\n"));
  }

  @Test
  void theBundledHistoryIsCompleteAndClean() {
    List<Draw> draws = DrawCsv.bundled();
    assertEquals(3_493, draws.size());
    assertEquals(2003001, draws.get(0).issue());
    assertEquals(2026096, draws.get(draws.size() - 1).issue());
  }

  @Test
  void rejectsEachKindOfBadRowWithItsLineNumber() throws IOException {
    DrawCsv.Parsed parsed =
        parse(
            "2024001,2024-01-02,1,2,3,4,5,6,7",
            "2024002,2024-01-04,1,2,3,4,5,6",
            "2024003,2024-01-06,1,2,3,4,5,34,7",
            "2024004,2024-01-08,1,2,3,4,5,5,7",
            "2024005,2024-01-10,1,2,3,4,5,6,17",
            "2024006,2024-13-10,1,2,3,4,5,6,1",
            "20x4007,2024-01-14,1,2,3,4,5,6,1",
            "2024001,2024-01-02,1,2,3,4,5,9,7",
            "2024001,2024-01-02,1,2,3,4,5,6,7");
    assertEquals(1, parsed.draws().size());
    List<String> reasons = parsed.rejections().stream().map(DrawCsv.Rejection::toString).toList();
    assertEquals(7, reasons.size(), reasons.toString());
    assertTrue(reasons.get(0).startsWith("line 3: expected 9 fields"), reasons.get(0));
    assertTrue(reasons.get(1).startsWith("line 4: red 34 outside"), reasons.get(1));
    assertTrue(reasons.get(2).startsWith("line 5: red 5 repeated"), reasons.get(2));
    assertTrue(reasons.get(3).startsWith("line 6: blue 17 outside"), reasons.get(3));
    assertTrue(reasons.get(4).startsWith("line 7: bad date"), reasons.get(4));
    assertTrue(reasons.get(5).startsWith("line 8: issue '20x4007' is not a number"), reasons.get(5));
    assertTrue(reasons.get(6).startsWith("line 9: issue 2024001 appears again"), reasons.get(6));
  }

  @Test
  void aMalformedQuotedFieldIsThatLinesRejectionAndTheLinesAfterItAreStillRead() throws IOException {
    DrawCsv.Parsed parsed =
        parse(
            "2024001,2024-01-02,1,2,3,4,5,6,7",
            "2024002,\"2024-01-04\"x,1,2,3,4,5,6,7",
            "2024003,\"2024-01-06,1,2,3,4,5,6,7",
            "\"2024004\",\"2024-01-08\",1,2,3,4,5,6,7");
    assertEquals(List.of(2024001, 2024004), parsed.draws().stream().map(Draw::issue).toList());
    List<String> reasons = parsed.rejections().stream().map(DrawCsv.Rejection::toString).toList();
    assertEquals(2, reasons.size(), reasons.toString());
    assertTrue(reasons.get(0).startsWith("line 3: malformed quoted field near character"), reasons.get(0));
    assertTrue(reasons.get(1).startsWith("line 4: malformed quoted field"), reasons.get(1));
  }

  @Test
  void aMalformedHeaderRejectsTheFileWithItsLine() throws IOException {
    DrawCsv.Parsed parsed = DrawCsv.parse(new StringReader("\n\"issue\"x,date\n2024001,2024-01-02,1,2,3,4,5,6,7\n"));
    assertTrue(parsed.draws().isEmpty());
    assertEquals(1, parsed.rejections().size());
    assertTrue(parsed.rejections().get(0).toString().startsWith("line 2: malformed quoted field"), parsed.rejections().toString());
  }

  @Test
  void aWrongHeaderRejectsTheFile() throws IOException {
    DrawCsv.Parsed parsed = DrawCsv.parse(new StringReader("a,b\n2024001,2024-01-02,1,2,3,4,5,6,7\n"));
    assertTrue(parsed.draws().isEmpty());
    assertTrue(parsed.rejections().get(0).toString().startsWith("line 1: header must be"));
  }

  @Test
  void redsAreKeptSorted() {
    Draw draw = new Draw(2024001, java.time.LocalDate.parse("2024-01-02"), List.of(33, 1, 17, 2, 9, 4), 16);
    assertEquals(List.of(1, 2, 4, 9, 17, 33), draw.reds());
  }
}
