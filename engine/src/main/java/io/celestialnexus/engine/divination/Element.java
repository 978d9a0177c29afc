package io.celestialnexus.engine.divination;

import java.util.List;

/** The five phases (五行), each with its pair of 河图 (River Chart) numbers. */
public enum Element {
  WOOD("木", 3, 8),
  FIRE("火", 2, 7),
  EARTH("土", 5, 10),
  METAL("金", 4, 9),
  WATER("水", 1, 6);

  private final String chinese;
  private final List<Integer> heTu;

  Element(String chinese, int first, int second) {
    this.chinese = chinese;
    this.heTu = List.of(first, second);
  }

  public String chinese() {
    return chinese;
  }

  /** The River Chart numbers of this phase (水 1·6, 火 2·7, 木 3·8, 金 4·9, 土 5·10). */
  public List<Integer> heTu() {
    return heTu;
  }
}
