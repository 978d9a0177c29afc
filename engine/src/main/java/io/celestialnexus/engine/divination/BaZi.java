package io.celestialnexus.engine.divination;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * 八字 (the four pillars of a birth time): year, month, day and hour pillars as the calendar library computes
 * them (the year turns at 立春, the month at each 节), the day master (日主, the day's stem) and how often each
 * of the five phases appears among the eight characters.
 */
public final class BaZi {

  /** A reading of one birth time. */
  public record Reading(CalendarMoment moment, Map<Element, Integer> elementCounts) {

    public Reading {
      elementCounts = Map.copyOf(elementCounts);
    }

    public List<Pillar> pillars() {
      return List.of(moment.year(), moment.month(), moment.day(), moment.hour());
    }

    /** The day's stem, the self in a chart. */
    public Stem dayMaster() {
      return moment.day().stem();
    }

    /** Phases that do not appear at all. */
    public List<Element> missing() {
      List<Element> missing = new ArrayList<>();
      for (Element element : Element.values()) {
        if (elementCounts.getOrDefault(element, 0) == 0) {
          missing.add(element);
        }
      }
      return missing;
    }

    /** E.g. {@code 八字：己丑 癸酉 甲子 壬申（农历...），日主 甲木；五行 木1 火0 土2 金2 水3，缺火；生肖 牛。} */
    public String description() {
      StringBuilder counts = new StringBuilder();
      for (Element element : Element.values()) {
        counts.append(counts.length() == 0 ? "" : " ").append(element.chinese()).append(elementCounts.getOrDefault(element, 0));
      }
      StringBuilder missingText = new StringBuilder();
      for (Element element : missing()) {
        missingText.append(element.chinese());
      }
      return "八字：" + moment.pillars() + "（农历" + moment.lunarDateTime() + "），日主 " + dayMaster().chinese() + dayMaster().element().chinese()
          + "；五行 " + counts + (missingText.length() == 0 ? "，五行俱全" : "，缺" + missingText) + "；生肖 " + moment.year().branch().animal()
          + "。";
    }
  }

  private BaZi() {}

  /** The chart of a birth at {@code birth}, China civil time. */
  public static Reading of(LocalDateTime birth) {
    CalendarMoment moment = ChineseCalendar.at(birth);
    Map<Element, Integer> counts = new EnumMap<>(Element.class);
    for (Pillar pillar : List.of(moment.year(), moment.month(), moment.day(), moment.hour())) {
      counts.merge(pillar.stem().element(), 1, Integer::sum);
      counts.merge(pillar.branch().element(), 1, Integer::sum);
    }
    return new Reading(moment, counts);
  }
}
