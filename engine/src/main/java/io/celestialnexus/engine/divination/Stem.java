package io.celestialnexus.engine.divination;

/** The ten heavenly stems (天干), in cycle order, each with its phase. */
public enum Stem {
  JIA("甲", Element.WOOD),
  YI("乙", Element.WOOD),
  BING("丙", Element.FIRE),
  DING("丁", Element.FIRE),
  WU("戊", Element.EARTH),
  JI("己", Element.EARTH),
  GENG("庚", Element.METAL),
  XIN("辛", Element.METAL),
  REN("壬", Element.WATER),
  GUI("癸", Element.WATER);

  private final String chinese;
  private final Element element;

  Stem(String chinese, Element element) {
    this.chinese = chinese;
    this.element = element;
  }

  public String chinese() {
    return chinese;
  }

  public Element element() {
    return element;
  }

  public static Stem of(String chinese) {
    for (Stem stem : values()) {
      if (stem.chinese.equals(chinese)) {
        return stem;
      }
    }
    throw new IllegalArgumentException("not a heavenly stem: " + chinese);
  }
}
