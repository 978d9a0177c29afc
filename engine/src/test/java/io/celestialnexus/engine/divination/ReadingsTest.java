package io.celestialnexus.engine.divination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The time-based readings on dates worked out by hand with the traditional rules. */
class ReadingsTest {

  private static final CalendarMoment SPRING_FESTIVAL_2024 = ChineseCalendar.at(LocalDateTime.of(2024, 2, 10, 21, 15));

  /** A moment with the given lunar month, day and hour branch (the other fields do not matter to 小六壬). */
  private static CalendarMoment lunar(int month, int day, Branch hour) {
    Pillar anyHour = Pillar.ofCycleIndex(hour.ordinal());
    return new CalendarMoment(
        LocalDateTime.of(2024, 1, 1, 0, 0), 2024, month, false, day, "", Branch.CHEN, anyHour, anyHour, anyHour, anyHour,
        new SolarTerm("冬至", 0, LocalDateTime.of(2023, 12, 22, 11, 27)));
  }

  @Test
  void xiaoLiuRenCountsMonthFromDaAnThenDayThenHour() {
    // month 3 lands on 速喜, day 5 counted from 速喜 lands on 大安, the 辰 hour (5th) counted from 大安 on 小吉
    XiaoLiuRen.Reading reading = XiaoLiuRen.at(lunar(3, 5, Branch.CHEN));
    assertEquals(XiaoLiuRen.Palace.SU_XI, reading.monthPalace());
    assertEquals(XiaoLiuRen.Palace.DA_AN, reading.dayPalace());
    assertEquals(XiaoLiuRen.Palace.XIAO_JI, reading.palace());
    assertEquals(XiaoLiuRen.Palace.DA_AN, XiaoLiuRen.at(lunar(1, 1, Branch.ZI)).palace());
  }

  @Test
  void xiaoLiuRenOnSpringFestivalNightIsKongWangAndSaysSo() {
    XiaoLiuRen.Reading reading = XiaoLiuRen.at(SPRING_FESTIVAL_2024);
    assertEquals(XiaoLiuRen.Palace.KONG_WANG, reading.palace()); // 1 + 1 + 12 counts from 大安
    assertEquals(List.of(3, 6, 9), reading.palace().numbers());
    assertTrue(reading.description().startsWith("小六壬：农历二〇二四年正月初一 亥时"), reading.description());
    assertTrue(reading.description().contains("时落空亡（凶，属土）"), reading.description());
  }

  @Test
  void meiHuaTimeMethodOnSpringFestivalNightIsBiChangingToGen() {
    // 辰 5 + month 1 + day 1 = 7 → 艮 above; 7 + 亥 12 = 19 → 19 mod 8 = 3 → 离 below; 19 mod 6 = 1 → first line moves
    MeiHua.Reading reading = MeiHua.at(SPRING_FESTIVAL_2024);
    assertEquals(Trigram.GEN, reading.primary().upper());
    assertEquals(Trigram.LI, reading.primary().lower());
    assertEquals(22, reading.primary().number());
    assertEquals("山火贲", reading.primary().fullName());
    assertEquals(1, reading.movingLine());
    assertEquals("艮为山", reading.changed().fullName());
    assertEquals("雷水解", reading.nuclear().fullName());
    assertEquals(Trigram.GEN, reading.body());
    assertEquals(Trigram.GEN, reading.changedUse());
    assertEquals("梅花易数（时间起卦）：农历二〇二四年正月初一 亥时，本卦 山火贲(22)，初爻动，互卦 雷水解(40)，变卦 艮为山(52)；体卦 艮（土）。", reading.description());
  }

  @Test
  void meiHuaCountsARemainderOfZeroAsKun() {
    // 2000-01-01 00:30: 卯 4 + 11 + 25 = 40 → 0 → 坤 above; 41 → 1 → 乾 below; 41 mod 6 = 5
    MeiHua.Reading reading = MeiHua.at(ChineseCalendar.at(LocalDateTime.of(2000, 1, 1, 0, 30)));
    assertEquals("地天泰", reading.primary().fullName());
    assertEquals(5, reading.movingLine());
    assertEquals("水天需", reading.changed().fullName());
  }

  @Test
  void qiMenTakesTheYuanFromTheFuTouAndTheJuFromTheSolarTerm() {
    QiMen.Reading winter = QiMen.at(ChineseCalendar.at(LocalDateTime.of(2024, 12, 26, 21, 15))); // 甲子 day after 冬至
    assertEquals("上元", winter.yuan());
    assertTrue(winter.yangDun());
    assertEquals(1, winter.ju());
    QiMen.Reading summer = QiMen.at(ChineseCalendar.at(LocalDateTime.of(2024, 6, 30, 21, 15))); // 乙丑 day: 符头 甲子
    assertEquals("甲子", summer.fuTou().toString());
    assertEquals(9, summer.ju());
    assertTrue(!summer.yangDun());
    QiMen.Reading middle = QiMen.at(ChineseCalendar.at(LocalDateTime.of(2024, 6, 21, 21, 15))); // 丙辰 day: 符头 甲寅
    assertEquals("中元", middle.yuan());
    assertEquals(3, middle.ju());
  }

  @Test
  void qiMenOnSpringFestivalNightIsYangDunTwoAndHidesTheLeadingJiaInJi() {
    QiMen.Reading reading = QiMen.at(SPRING_FESTIVAL_2024);
    assertEquals("下元", reading.yuan()); // 甲辰 day is its own 符头, 辰 → 下元; 立春 下元 = 2
    assertEquals(2, reading.ju());
    assertEquals("甲戌", reading.xunHead().toString()); // 乙亥 hour
    assertEquals(Stem.JI, reading.hiddenYi());
    assertEquals("奇门遁甲：立春 下元 阳遁二局（符头 甲辰）；时辰 乙亥，旬首 甲戌，遁于己。", reading.description());
  }

  @Test
  void baZiOfTheFoundingOfThePrcIsJiChouGuiYouJiaZiRenShen() {
    BaZi.Reading reading = BaZi.of(LocalDateTime.of(1949, 10, 1, 15, 0));
    assertEquals("己丑 癸酉 甲子 壬申", reading.moment().pillars());
    assertEquals(Stem.JIA, reading.dayMaster());
    assertEquals(
        Map.of(Element.WOOD, 1, Element.EARTH, 2, Element.METAL, 2, Element.WATER, 3), reading.elementCounts());
    assertEquals(List.of(Element.FIRE), reading.missing());
    assertTrue(reading.description().startsWith("八字：己丑 癸酉 甲子 壬申"), reading.description());
    assertTrue(reading.description().contains("日主 甲木"), reading.description());
    assertTrue(reading.description().contains("缺火"), reading.description());
    assertTrue(reading.description().contains("生肖 牛"), reading.description());
  }

  @Test
  void baZiBeforeLiChunBelongsToThePreviousYear() {
    assertEquals("己卯 丙子 戊午 壬子", BaZi.of(LocalDateTime.of(2000, 1, 1, 0, 30)).moment().pillars());
  }
}
