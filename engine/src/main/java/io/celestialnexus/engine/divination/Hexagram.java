package io.celestialnexus.engine.divination;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One of the 64 hexagrams (卦): six lines bottom to top, {@code true} for yang, with its King Wen number and name. */
public record Hexagram(List<Boolean> lines) {

  /** King Wen numbers indexed [lower][upper] in 先天 order (乾 兑 离 震 巽 坎 艮 坤). */
  private static final int[][] KING_WEN = {
    {1, 43, 14, 34, 9, 5, 26, 11},
    {10, 58, 38, 54, 61, 60, 41, 19},
    {13, 49, 30, 55, 37, 63, 22, 36},
    {25, 17, 21, 51, 42, 3, 27, 24},
    {44, 28, 50, 32, 57, 48, 18, 46},
    {6, 47, 64, 40, 59, 29, 4, 7},
    {33, 31, 56, 62, 53, 39, 52, 15},
    {12, 45, 35, 16, 20, 8, 23, 2},
  };

  private static final List<String> NAMES =
      List.of(
          "乾", "坤", "屯", "蒙", "需", "讼", "师", "比", "小畜", "履", "泰", "否", "同人", "大有", "谦", "豫",
          "随", "蛊", "临", "观", "噬嗑", "贲", "剥", "复", "无妄", "大畜", "颐", "大过", "坎", "离", "咸", "恒",
          "遯", "大壮", "晋", "明夷", "家人", "睽", "蹇", "解", "损", "益", "夬", "姤", "萃", "升", "困", "井",
          "革", "鼎", "震", "艮", "渐", "归妹", "丰", "旅", "巽", "兑", "涣", "节", "中孚", "小过", "既济", "未济");

  public Hexagram {
    if (lines == null || lines.size() != 6 || lines.stream().anyMatch(java.util.Objects::isNull)) {
      throw new IllegalArgumentException("a hexagram has six lines");
    }
    lines = List.copyOf(lines);
  }

  public static Hexagram of(Trigram upper, Trigram lower) {
    List<Boolean> lines = new ArrayList<>(lower.lines());
    lines.addAll(upper.lines());
    return new Hexagram(lines);
  }

  public Trigram lower() {
    return Trigram.ofLines(lines.get(0), lines.get(1), lines.get(2));
  }

  public Trigram upper() {
    return Trigram.ofLines(lines.get(3), lines.get(4), lines.get(5));
  }

  /** King Wen number, 1..64. */
  public int number() {
    return KING_WEN[lower().ordinal()][upper().ordinal()];
  }

  /** The short name, e.g. 贲. */
  public String name() {
    return NAMES.get(number() - 1);
  }

  /** The long name, e.g. 山火贲, or 艮为山 when both trigrams are the same. */
  public String fullName() {
    Trigram upper = upper();
    Trigram lower = lower();
    if (upper == lower) {
      return upper.chinese() + "为" + upper.image();
    }
    return upper.image() + lower.image() + name();
  }

  /** The hexagram with the given lines (1 = bottom ... 6 = top) turned into their opposites. */
  public Hexagram changing(Set<Integer> positions) {
    List<Boolean> changed = new ArrayList<>(lines);
    for (int position : positions) {
      if (position < 1 || position > 6) {
        throw new IllegalArgumentException("line " + position + " outside 1..6");
      }
      changed.set(position - 1, !changed.get(position - 1));
    }
    return new Hexagram(changed);
  }

  /** The nuclear hexagram (互卦): lines 2-3-4 below, 3-4-5 above. */
  public Hexagram nuclear() {
    return Hexagram.of(Trigram.ofLines(lines.get(2), lines.get(3), lines.get(4)), Trigram.ofLines(lines.get(1), lines.get(2), lines.get(3)));
  }

  @Override
  public String toString() {
    return fullName() + "(" + number() + ")";
  }
}
