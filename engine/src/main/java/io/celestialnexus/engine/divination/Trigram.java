package io.celestialnexus.engine.divination;

import java.util.List;

/**
 * The eight trigrams (八卦) in 先天 (Earlier Heaven) order, which gives each its number: 乾 1, 兑 2, 离 3, 震 4,
 * 巽 5, 坎 6, 艮 7, 坤 8. Lines are listed bottom to top, {@code true} for a solid (yang) line.
 */
public enum Trigram {
  QIAN("乾", "天", Element.METAL, true, true, true),
  DUI("兑", "泽", Element.METAL, true, true, false),
  LI("离", "火", Element.FIRE, true, false, true),
  ZHEN("震", "雷", Element.WOOD, true, false, false),
  XUN("巽", "风", Element.WOOD, false, true, true),
  KAN("坎", "水", Element.WATER, false, true, false),
  GEN("艮", "山", Element.EARTH, false, false, true),
  KUN("坤", "地", Element.EARTH, false, false, false);

  private final String chinese;
  private final String image;
  private final Element element;
  private final List<Boolean> lines;

  Trigram(String chinese, String image, Element element, boolean bottom, boolean middle, boolean top) {
    this.chinese = chinese;
    this.image = image;
    this.element = element;
    this.lines = List.of(bottom, middle, top);
  }

  public String chinese() {
    return chinese;
  }

  /** What it stands for in a hexagram's long name: 天 泽 火 雷 风 水 山 地. */
  public String image() {
    return image;
  }

  public Element element() {
    return element;
  }

  /** The 先天 number, 1..8. */
  public int number() {
    return ordinal() + 1;
  }

  public List<Boolean> lines() {
    return lines;
  }

  /** The trigram of a count as the time method uses it: the remainder by 8, where 0 counts as 8 (坤). */
  public static Trigram ofCount(int count) {
    return values()[Math.floorMod(count - 1, 8)];
  }

  public static Trigram ofLines(boolean bottom, boolean middle, boolean top) {
    for (Trigram trigram : values()) {
      if (trigram.lines.equals(List.of(bottom, middle, top))) {
        return trigram;
      }
    }
    throw new AssertionError("every line pattern is a trigram");
  }
}
