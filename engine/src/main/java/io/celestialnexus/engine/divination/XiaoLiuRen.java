package io.celestialnexus.engine.divination;

import java.util.List;

/**
 * 小六壬 (the "little six 壬" palm method) for a moment: count the six palaces on the hand from 大安, the lunar
 * month from 大安, then the lunar day from the month's palace, then the two-hour period (子 = 1) from the
 * day's palace. Where the count stops is the answer. A leap month counts as its month number.
 */
public final class XiaoLiuRen {

  /** The six palaces, each with its phase, its numbers and its traditional sense. */
  public enum Palace {
    DA_AN("大安", Element.WOOD, List.of(1, 5, 7), "吉", "身不动时，事事安稳，宜守不宜进"),
    LIU_LIAN("留连", Element.EARTH, List.of(2, 8, 10), "凶", "事多拖延，人未归，宜耐心等待"),
    SU_XI("速喜", Element.FIRE, List.of(3, 6, 9), "吉", "喜事将至，消息来得快"),
    CHI_KOU("赤口", Element.METAL, List.of(4, 7, 10), "凶", "口舌是非，谨言慎行"),
    XIAO_JI("小吉", Element.WATER, List.of(1, 5, 7), "吉", "人来有喜，小有所得"),
    KONG_WANG("空亡", Element.EARTH, List.of(3, 6, 9), "凶", "音信稀少，所求难成");

    private final String chinese;
    private final Element element;
    private final List<Integer> numbers;
    private final String fortune;
    private final String meaning;

    Palace(String chinese, Element element, List<Integer> numbers, String fortune, String meaning) {
      this.chinese = chinese;
      this.element = element;
      this.numbers = numbers;
      this.fortune = fortune;
      this.meaning = meaning;
    }

    public String chinese() {
      return chinese;
    }

    public Element element() {
      return element;
    }

    /** The palace's traditional numbers (as digits 1..10). */
    public List<Integer> numbers() {
      return numbers;
    }

    /** 吉 or 凶. */
    public String fortune() {
      return fortune;
    }

    public String meaning() {
      return meaning;
    }

    /** The palace reached {@code steps} counts after this one (this one counting as the first). */
    Palace count(int steps) {
      return values()[(ordinal() + steps - 1) % values().length];
    }
  }

  /** A reading: the palaces the month and day stop at, and the answer the hour stops at. */
  public record Reading(CalendarMoment moment, Palace monthPalace, Palace dayPalace, Palace palace) {

    /** E.g. {@code 小六壬：农历二〇二四年正月初一 亥时，月落大安，日落大安，时落空亡（凶，属土）：音信稀少，所求难成。} */
    public String description() {
      return "小六壬：农历" + moment.lunarDateTime() + "，月落" + monthPalace.chinese() + "，日落" + dayPalace.chinese() + "，时落"
          + palace.chinese() + "（" + palace.fortune() + "，属" + palace.element().chinese() + "）：" + palace.meaning() + "。";
    }
  }

  private XiaoLiuRen() {}

  public static Reading at(CalendarMoment moment) {
    Palace month = Palace.DA_AN.count(moment.lunarMonth());
    Palace day = month.count(moment.lunarDay());
    Palace hour = day.count(moment.hour().branch().number());
    return new Reading(moment, month, day, hour);
  }
}
