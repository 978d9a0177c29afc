package io.celestialnexus.engine.divination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ChineseCalendarTest {

  @Test
  void springFestival2024AtDrawTimeIsTheFirstDayOfTheFirstMonthInTheHaiHour() {
    CalendarMoment moment = ChineseCalendar.at(LocalDateTime.of(2024, 2, 10, 21, 15));
    assertEquals(2024, moment.lunarYear());
    assertEquals(1, moment.lunarMonth());
    assertEquals(1, moment.lunarDay());
    assertFalse(moment.leapMonth());
    assertEquals(Branch.CHEN, moment.lunarYearBranch());
    assertEquals("甲辰 丙寅 甲辰 乙亥", moment.pillars());
    assertEquals("二〇二四年正月初一 亥时", moment.lunarDateTime());
    assertEquals(new SolarTerm("立春", 3, LocalDateTime.of(2024, 2, 4, 16, 26, 53)), moment.term());
  }

  @Test
  void theYearAndMonthPillarsTurnAtTheExactMomentOfLiChunWhileTheLunarYearWaitsForNewYear() {
    CalendarMoment before = ChineseCalendar.at(LocalDateTime.of(2024, 2, 4, 16, 0));
    CalendarMoment after = ChineseCalendar.at(LocalDateTime.of(2024, 2, 4, 17, 0));
    assertEquals("癸卯", before.year().toString());
    assertEquals("乙丑", before.month().toString());
    assertEquals("大寒", before.term().name());
    assertEquals("甲辰", after.year().toString());
    assertEquals("丙寅", after.month().toString());
    assertEquals("立春", after.term().name());
    assertEquals(Branch.MAO, after.lunarYearBranch(), "still the twelfth month of the lunar year 癸卯");
    assertEquals(12, after.lunarMonth());
  }

  @Test
  void aLeapMonthKeepsItsNumberAndIsMarked() {
    CalendarMoment moment = ChineseCalendar.at(LocalDateTime.of(2023, 4, 1, 21, 15));
    assertEquals(2, moment.lunarMonth());
    assertTrue(moment.leapMonth());
    assertEquals(11, moment.lunarDay());
    assertEquals("二〇二三年闰二月十一", moment.lunarText());
  }

  @Test
  void theSolarTermIsTheLatestThatBeganBeforeTheMoment() {
    assertEquals("夏至", ChineseCalendar.at(LocalDateTime.of(2024, 6, 21, 21, 15)).term().name());
    assertEquals("芒种", ChineseCalendar.at(LocalDateTime.of(2024, 6, 21, 4, 0)).term().name());
    assertEquals("冬至", ChineseCalendar.at(LocalDateTime.of(2000, 1, 1, 0, 30)).term().name());
  }

  @Test
  void yearsOutsideTheSupportedRangeAreRejectedWithTheRange() {
    var error = assertThrows(IllegalArgumentException.class, () -> ChineseCalendar.at(LocalDateTime.of(1850, 1, 1, 0, 0)));
    assertTrue(error.getMessage().contains("1900..2100"), error.getMessage());
  }

  @Test
  void concurrentCallersGetTheSameAnswersAsOneCaller() throws Exception {
    List<LocalDateTime> times = new ArrayList<>();
    for (int day = 0; day < 400; day++) {
      times.add(LocalDateTime.of(1987, 3, 1, 7, 45).plusDays(day * 11L).plusHours(day % 24));
    }
    List<CalendarMoment> expected = new ArrayList<>();
    for (LocalDateTime time : times) {
      expected.add(ChineseCalendar.at(time));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<CalendarMoment>>> results = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        Callable<List<CalendarMoment>> work = () -> times.stream().map(ChineseCalendar::at).toList();
        results.add(pool.submit(work));
      }
      for (Future<List<CalendarMoment>> result : results) {
        assertEquals(expected, result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
