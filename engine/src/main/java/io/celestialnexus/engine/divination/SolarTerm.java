package io.celestialnexus.engine.divination;

import java.time.LocalDateTime;
import java.util.List;

/** The solar term (节气) in effect: its name, its place in the year counted from 冬至 = 0, and when it began. */
public record SolarTerm(String name, int index, LocalDateTime start) {

  /** The 24 terms from the winter solstice, as the 奇门 tables count them. */
  public static final List<String> NAMES =
      List.of(
          "冬至", "小寒", "大寒", "立春", "雨水", "惊蛰", "春分", "清明", "谷雨", "立夏", "小满", "芒种",
          "夏至", "小暑", "大暑", "立秋", "处暑", "白露", "秋分", "寒露", "霜降", "立冬", "小雪", "大雪");

  public SolarTerm {
    if (index < 0 || index >= NAMES.size() || !NAMES.get(index).equals(name)) {
      throw new IllegalArgumentException("no solar term " + index + " named " + name);
    }
  }
}
