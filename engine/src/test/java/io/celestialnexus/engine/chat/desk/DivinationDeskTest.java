package io.celestialnexus.engine.chat.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.engine.divination.BaZi;
import io.celestialnexus.engine.divination.ChineseCalendar;
import io.celestialnexus.engine.divination.LiuYao;
import io.celestialnexus.engine.divination.XiaoLiuRen;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The reading desk gives the divination domain's readings, deterministically, and declines times it cannot read. */
class DivinationDeskTest {

  private static final LocalDateTime NOON = LocalDateTime.of(2026, 8, 20, 12, 0, 5);

  private final DivinationDesk desk = new DivinationDesk();

  private static Reading ready(CompletionStage<DeskAnswer<Reading>> answer) {
    return answer.toCompletableFuture().join().fold(reading -> reading, reason -> {
      throw new AssertionError("expected a reading, got unavailable: " + reason);
    });
  }

  private static String reason(CompletionStage<DeskAnswer<Reading>> answer) {
    return assertInstanceOf(DeskAnswer.Unavailable.class, answer.toCompletableFuture().join()).reason();
  }

  @Test
  void xiaoLiuRenIsTheCalendarsReadingOfTheMoment() {
    Reading reading = ready(desk.xiaoLiuRen(NOON));
    assertEquals("小六壬", reading.title());
    assertEquals(XiaoLiuRen.at(ChineseCalendar.at(NOON)).description(), reading.text());
  }

  @Test
  void baZiIsTheChartOfTheBirth() {
    LocalDateTime birth = LocalDateTime.of(1989, 9, 10, 15, 30);
    Reading reading = ready(desk.baZi(birth));
    assertEquals("八字", reading.title());
    assertEquals(BaZi.of(birth).description(), reading.text());
  }

  @Test
  void aCastIsTheSameForTheSameAskerWithinAMinuteAndDiffersAcrossAskers() {
    Reading cast = ready(desk.castHexagram(NOON, "alice"));
    assertEquals("起卦（六爻）", cast.title());
    assertEquals(LiuYao.cast(DivinationDesk.seed(NOON, "alice")).description(), cast.text());
    assertEquals(cast, ready(desk.castHexagram(NOON.plusSeconds(40), "alice")), "asking again within the minute");
    assertNotEquals(DivinationDesk.seed(NOON, "alice"), DivinationDesk.seed(NOON, "bob"));
    assertNotEquals(DivinationDesk.seed(NOON, "alice"), DivinationDesk.seed(NOON.plusMinutes(1), "alice"));
    Set<String> casts = new HashSet<>();
    for (int minute = 0; minute < 20; minute++) {
      casts.add(ready(desk.castHexagram(NOON.plusMinutes(minute), "alice")).text());
    }
    assertTrue(casts.size() > 1, "casts vary with the time");
  }

  @Test
  void timesOutsideTheCalendarAreUnavailableNotExceptions() {
    LocalDateTime tooEarly = LocalDateTime.of(ChineseCalendar.FIRST_YEAR - 1, 12, 31, 23, 0);
    LocalDateTime tooLate = LocalDateTime.of(ChineseCalendar.LAST_YEAR + 1, 1, 1, 0, 0);
    assertTrue(reason(desk.baZi(tooEarly)).contains("1899"), "names the year it was given");
    assertTrue(reason(desk.xiaoLiuRen(tooLate)).startsWith(DivinationDesk.OUT_OF_RANGE));
    assertEquals("八字", ready(desk.baZi(LocalDateTime.of(ChineseCalendar.LAST_YEAR, 6, 1, 8, 0))).title(), "the last year is read");
  }
}
