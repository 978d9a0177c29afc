package io.celestialnexus.engine.ssq;

import io.celestialnexus.engine.divination.CalendarMoment;
import io.celestialnexus.engine.divination.ChineseCalendar;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * What a strategy may know about the draw it predicts besides the earlier draws: its issue, its date and the
 * Chinese calendar at the draw time, 21:15 China Standard Time.
 */
public record DrawContext(int issue, LocalDate date, CalendarMoment calendar) {

  /** SSQ is drawn at 21:15 Beijing time. */
  public static final LocalTime DRAW_TIME = LocalTime.of(21, 15);

  public static DrawContext of(int issue, LocalDate date) {
    return new DrawContext(issue, date, ChineseCalendar.at(drawTime(date)));
  }

  public static DrawContext of(Draw draw) {
    return of(draw.issue(), draw.date());
  }

  public static LocalDateTime drawTime(LocalDate date) {
    return date.atTime(DRAW_TIME);
  }
}
