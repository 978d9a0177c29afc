package io.celestialnexus.engine.divination;

import com.nlf.calendar.EightChar;
import com.nlf.calendar.Lunar;
import com.nlf.calendar.Solar;
import com.nlf.calendar.util.LunarUtil;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one door to the {@code cn.6tail:lunar} calendar library: turns a China civil date-time into a
 * {@link CalendarMoment}. Nothing here computes the calendar itself.
 *
 * <p>The library keeps unsynchronized static caches (its {@code LunarYear} cache is a plain HashMap), so every
 * call into it holds one process-wide lock. It is also slow to find the current solar term by its own search
 * (string comparisons per term), so the term is picked here from the table the library already computed.
 * Even so one moment costs a fraction of a millisecond (the library formats strings to compare dates), and
 * walk-forwards ask for the same draw dates again and again, so the newest {@value #MEMO_SIZE} moments are
 * memoized: a pure function's results, kept under the same lock.
 */
public final class ChineseCalendar {

  /** The years readings accept: the library is exact far beyond them, but nothing here needs more. */
  public static final int FIRST_YEAR = 1900;
  public static final int LAST_YEAR = 2100;

  static final int MEMO_SIZE = 8192;

  private static final Object LIBRARY = new Object();
  private static final Map<LocalDateTime, CalendarMoment> MEMO =
      new LinkedHashMap<>(MEMO_SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LocalDateTime, CalendarMoment> eldest) {
          return size() > MEMO_SIZE;
        }
      };

  private ChineseCalendar() {}

  /** The calendar facts of {@code time}, read as China Standard Time (UTC+8). */
  public static CalendarMoment at(LocalDateTime time) {
    if (time.getYear() < FIRST_YEAR || time.getYear() > LAST_YEAR) {
      throw new IllegalArgumentException("year " + time.getYear() + " outside " + FIRST_YEAR + ".." + LAST_YEAR);
    }
    synchronized (LIBRARY) {
      return MEMO.computeIfAbsent(time, ChineseCalendar::compute);
    }
  }

  /** Called with the lock held. */
  private static CalendarMoment compute(LocalDateTime time) {
    Lunar lunar =
        Solar.fromYmdHms(time.getYear(), time.getMonthValue(), time.getDayOfMonth(), time.getHour(), time.getMinute(), time.getSecond())
            .getLunar();
    EightChar eight = lunar.getEightChar();
    return new CalendarMoment(
        time,
        lunar.getYear(),
        Math.abs(lunar.getMonth()), // the library marks a leap month with a negative number
        lunar.getMonth() < 0,
        lunar.getDay(),
        lunar.toString(),
        Branch.of(lunar.getYearZhi()),
        Pillar.parse(eight.getYear()),
        Pillar.parse(eight.getMonth()),
        Pillar.parse(eight.getDay()),
        Pillar.parse(eight.getTime()),
        termAt(lunar.getJieQiTable(), time));
  }

  /**
   * The latest term that began at or before {@code time}. The library's table runs from the previous 大雪 to
   * the next 惊蛰 around the lunar year, keyed by the Chinese name inside the year and by an upper-case pinyin
   * key for the ones of the neighbouring years; {@code JIE_QI_IN_USE} lists the keys in time order, starting
   * at 大雪.
   */
  private static SolarTerm termAt(Map<String, Solar> table, LocalDateTime time) {
    SolarTerm current = null;
    String[] keys = LunarUtil.JIE_QI_IN_USE;
    for (int i = 0; i < keys.length; i++) {
      Solar solar = table.get(keys[i]);
      LocalDateTime start =
          LocalDateTime.of(solar.getYear(), solar.getMonth(), solar.getDay(), solar.getHour(), solar.getMinute(), solar.getSecond());
      if (start.isAfter(time)) {
        break;
      }
      int index = Math.floorMod(i - 1, SolarTerm.NAMES.size());
      current = new SolarTerm(SolarTerm.NAMES.get(index), index, start);
    }
    if (current == null) {
      throw new IllegalStateException("no solar term found before " + time);
    }
    return current;
  }
}
