package io.celestialnexus.engine.divination;

/**
 * 奇门遁甲: which of the 18 arrangements (局) rules a moment, by the 拆补 method. The solar term in effect
 * chooses yang 遁 (冬至 to 芒种) or yin 遁 (夏至 to 大雪) and a triple of 局 numbers; the day's 符头 (the latest
 * 甲 or 己 day) chooses the 元: 上元 when its branch is 子午卯酉, 中元 for 寅申巳亥, 下元 for 辰戌丑未. The hour's 旬首
 * tells which of the six 仪 hides the leading 甲 (甲子戊, 甲戌己, 甲申庚, 甲午辛, 甲辰壬, 甲寅癸).
 */
public final class QiMen {

  /** 上元, 中元, 下元 numbers per solar term counted from 冬至, from the 阳遁/阴遁 verses. */
  private static final int[][] JU = {
    {1, 7, 4}, {2, 8, 5}, {3, 9, 6}, {8, 5, 2}, {9, 6, 3}, {1, 7, 4},
    {3, 9, 6}, {4, 1, 7}, {5, 2, 8}, {4, 1, 7}, {5, 2, 8}, {6, 3, 9},
    {9, 3, 6}, {8, 2, 5}, {7, 1, 4}, {2, 5, 8}, {1, 4, 7}, {9, 3, 6},
    {7, 1, 4}, {6, 9, 3}, {5, 8, 2}, {6, 9, 3}, {5, 8, 2}, {4, 7, 1},
  };
  private static final String[] YUAN = {"上元", "中元", "下元"};
  private static final Stem[] SIX_YI = {Stem.WU, Stem.JI, Stem.GENG, Stem.XIN, Stem.REN, Stem.GUI};

  /** A reading: the term, 遁, 元 and 局 number (1..9), the 符头 day, the hour pillar with its 旬首 and 仪. */
  public record Reading(
      CalendarMoment moment, boolean yangDun, String yuan, int ju, Pillar fuTou, Pillar hour, Pillar xunHead, Stem hiddenYi) {

    /** E.g. {@code 奇门遁甲：立春 下元 阳遁二局（符头 甲辰）；时辰 乙亥，旬首 甲戌，遁于己。} */
    public String description() {
      return "奇门遁甲：" + moment.term().name() + " " + yuan + " " + (yangDun ? "阳遁" : "阴遁") + NUMERALS.charAt(ju - 1) + "局（符头 "
          + fuTou + "）；时辰 " + hour + "，旬首 " + xunHead + "，遁于" + hiddenYi.chinese() + "。";
    }
  }

  private static final String NUMERALS = "一二三四五六七八九";

  private QiMen() {}

  public static Reading at(CalendarMoment moment) {
    int term = moment.term().index();
    int day = moment.day().cycleIndex();
    Pillar fuTou = Pillar.ofCycleIndex(day - day % 5); // 甲 and 己 days sit at multiples of 5 in the cycle
    int yuan = (fuTou.cycleIndex() / 5) % 3; // the 符头 run 上 中 下 上 ... from 甲子
    int hour = moment.hour().cycleIndex();
    int xun = hour / 10;
    return new Reading(
        moment, term < 12, YUAN[yuan], JU[term][yuan], fuTou, moment.hour(), Pillar.ofCycleIndex(xun * 10), SIX_YI[xun]);
  }
}
