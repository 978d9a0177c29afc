package io.celestialnexus.engine.divination;

import java.util.Set;

/**
 * 梅花易数 by the time method (时间起卦): with the lunar year's branch number (子 = 1), the lunar month and day and
 * the two-hour period's number (子 = 1), the upper trigram is (year + month + day) mod 8, the lower trigram is
 * (year + month + day + hour) mod 8 (a remainder of 0 counts as 8, 坤), and the moving line is that second sum
 * mod 6 (0 counts as 6). The trigram holding the moving line is the 用 (use), the other the 体 (body).
 */
public final class MeiHua {

  /** A reading: primary hexagram, moving line (1 = bottom), changed hexagram and the nuclear one. */
  public record Reading(CalendarMoment moment, Hexagram primary, int movingLine, Hexagram changed, Hexagram nuclear) {

    /** The trigram that holds the moving line, as it becomes after the change. */
    public Trigram changedUse() {
      return movingLine <= 3 ? changed.lower() : changed.upper();
    }

    /** The trigram without the moving line. */
    public Trigram body() {
      return movingLine <= 3 ? primary.upper() : primary.lower();
    }

    /** E.g. {@code 梅花易数（时间起卦）：农历...，本卦 山火贲(22)，初爻动，互卦 雷水解(40)，变卦 艮为山(52)；体卦 艮（土）。} */
    public String description() {
      return "梅花易数（时间起卦）：农历" + moment.lunarDateTime() + "，本卦 " + primary + "，" + LINE_NAMES[movingLine - 1] + "爻动，互卦 "
          + nuclear + "，变卦 " + changed + "；体卦 " + body().chinese() + "（" + body().element().chinese() + "）。";
    }
  }

  private static final String[] LINE_NAMES = {"初", "二", "三", "四", "五", "上"};

  private MeiHua() {}

  public static Reading at(CalendarMoment moment) {
    int upperSum = moment.lunarYearBranch().number() + moment.lunarMonth() + moment.lunarDay();
    int lowerSum = upperSum + moment.hour().branch().number();
    Hexagram primary = Hexagram.of(Trigram.ofCount(upperSum), Trigram.ofCount(lowerSum));
    int moving = Math.floorMod(lowerSum - 1, 6) + 1;
    return new Reading(moment, primary, moving, primary.changing(Set.of(moving)), primary.nuclear());
  }
}
