package io.celestialnexus.engine.divination;

import java.time.LocalDateTime;

/**
 * What the Chinese calendar says about one moment of China civil time: the lunar date, the four pillars (year
 * from 立春, month from the 节, day, and the two-hour period), and the solar term in effect. Built by
 * {@link ChineseCalendar#at}; every reading in this package starts from one.
 *
 * @param lunarYearBranch the branch of the lunar year, which turns at the lunar new year (梅花 counts by it),
 *     while {@link #year()} turns at 立春 (the four pillars count by that)
 */
public record CalendarMoment(
    LocalDateTime time,
    int lunarYear,
    int lunarMonth,
    boolean leapMonth,
    int lunarDay,
    String lunarText,
    Branch lunarYearBranch,
    Pillar year,
    Pillar month,
    Pillar day,
    Pillar hour,
    SolarTerm term) {

  /** E.g. {@code 二〇二四年正月初一 亥时}. */
  public String lunarDateTime() {
    return lunarText + " " + hour.branch().chinese() + "时";
  }

  /** The four pillars, e.g. {@code 甲辰 丙寅 甲辰 乙亥}. */
  public String pillars() {
    return year + " " + month + " " + day + " " + hour;
  }
}
