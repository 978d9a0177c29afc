package io.celestialnexus.engine.ssq.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.celestialnexus.engine.ssq.Draw;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrawNoticeTest {

  static final String NOTICE =
      "{\"state\":0,\"message\":\"查询成功\",\"total\":2,\"result\":["
          + "{\"name\":\"双色球\",\"code\":\"2026097\",\"date\":\"2026-08-23(日)\",\"week\":\"日\",\"red\":\"01,05,09,12,20,33\",\"blue\":\"09\",\"sales\":\"1\"},"
          + "{\"name\":\"双色球\",\"code\":\"2026096\",\"date\":\"2026-08-20(四)\",\"week\":\"四\",\"red\":\"02,04,06,08,10,12\",\"blue\":\"16\"}]}";

  @Test
  void readsTheDocumentedNoticeOldestFirst() throws Exception {
    assertEquals(
        List.of(
            new Draw(2026096, LocalDate.of(2026, 8, 20), List.of(2, 4, 6, 8, 10, 12), 16),
            new Draw(2026097, LocalDate.of(2026, 8, 23), List.of(1, 5, 9, 12, 20, 33), 9)),
        DrawNotice.parse(NOTICE));
  }

  @Test
  void anythingElseIsRefusedSayingWhatAndWhere() {
    assertEquals("not JSON: '<html>busy</html>'", refusal("<html>busy</html>"));
    assertEquals("the source answered state 1: 参数错误", refusal("{\"state\":1,\"message\":\"参数错误\"}"));
    assertEquals("no 'result' array", refusal("{\"state\":0,\"result\":{}}"));
    assertEquals("not a JSON object: '[1,2]'", refusal("[1,2]"));
    assertEquals(
        "result[0] (code 2026097): red 34 outside 1..33",
        refusal("{\"state\":0,\"result\":[{\"code\":\"2026097\",\"date\":\"2026-08-23(日)\",\"red\":\"01,05,09,12,20,34\",\"blue\":\"09\"}]}"));
    assertEquals(
        "result[0] (code 2026097): no text field 'blue'",
        refusal("{\"state\":0,\"result\":[{\"code\":\"2026097\",\"date\":\"2026-08-23\",\"red\":\"01,05,09,12,20,33\"}]}"));
    assertEquals(
        "result[0] (code 2026097): date '23/08/2026' does not start with YYYY-MM-DD",
        refusal("{\"state\":0,\"result\":[{\"code\":\"2026097\",\"date\":\"23/08/2026\",\"red\":\"01,05,09,12,20,33\",\"blue\":\"09\"}]}"));
  }

  private static String refusal(String body) {
    return assertThrows(DrawNotice.Malformed.class, () -> DrawNotice.parse(body)).getMessage();
  }
}
