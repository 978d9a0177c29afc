package io.celestialnexus.engine.divination;

/** The twelve earthly branches (地支), in cycle order from 子, each with its animal and phase. */
public enum Branch {
  ZI("子", "鼠", Element.WATER),
  CHOU("丑", "牛", Element.EARTH),
  YIN("寅", "虎", Element.WOOD),
  MAO("卯", "兔", Element.WOOD),
  CHEN("辰", "龙", Element.EARTH),
  SI("巳", "蛇", Element.FIRE),
  WU("午", "马", Element.FIRE),
  WEI("未", "羊", Element.EARTH),
  SHEN("申", "猴", Element.METAL),
  YOU("酉", "鸡", Element.METAL),
  XU("戌", "狗", Element.EARTH),
  HAI("亥", "猪", Element.WATER);

  private final String chinese;
  private final String animal;
  private final Element element;

  Branch(String chinese, String animal, Element element) {
    this.chinese = chinese;
    this.animal = animal;
    this.element = element;
  }

  public String chinese() {
    return chinese;
  }

  public String animal() {
    return animal;
  }

  public Element element() {
    return element;
  }

  /** The traditional count of the branch, 子 = 1 ... 亥 = 12, as the time methods use it. */
  public int number() {
    return ordinal() + 1;
  }

  public static Branch of(String chinese) {
    for (Branch branch : values()) {
      if (branch.chinese.equals(chinese)) {
        return branch;
      }
    }
    throw new IllegalArgumentException("not an earthly branch: " + chinese);
  }
}
