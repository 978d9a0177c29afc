package io.celestialnexus.engine.ssq;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * When the next draw is expected: SSQ is drawn every Tuesday, Thursday and Sunday, and the issue counts up
 * within a year and restarts at 001 in a new one. The schedule does not know the Spring Festival pause; the
 * draw recorded later carries the real date.
 */
public final class DrawSchedule {

  private static final Set<DayOfWeek> DRAW_DAYS = Set.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY, DayOfWeek.SUNDAY);

  private DrawSchedule() {}

  /** The issue and date expected after {@code last}. */
  public static DrawContext after(Draw last) {
    LocalDate date = last.date().plusDays(1);
    while (!DRAW_DAYS.contains(date.getDayOfWeek())) {
      date = date.plusDays(1);
    }
    int issue = date.getYear() == last.date().getYear() ? last.issue() + 1 : date.getYear() * 1000 + 1;
    return DrawContext.of(issue, date);
  }
}
