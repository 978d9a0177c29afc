package io.celestialnexus.engine.chat.desk;

import io.celestialnexus.engine.divination.BaZi;
import io.celestialnexus.engine.divination.ChineseCalendar;
import io.celestialnexus.engine.divination.LiuYao;
import io.celestialnexus.engine.divination.XiaoLiuRen;
import io.celestialnexus.engine.support.Seeds;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The chat's reading desk over the divination domain: 小六壬 and 八字 from the Chinese calendar, 起卦 as a six-line
 * cast. Everything is computed here and now, and deterministic: the same question gives the same reading. Times
 * outside the calendar's years ({@value ChineseCalendar#FIRST_YEAR}..{@value ChineseCalendar#LAST_YEAR}) are an
 * honest "unavailable", never an exception.
 */
public final class DivinationDesk implements ReadingDesk {

  static final String OUT_OF_RANGE =
      "只能推算 " + ChineseCalendar.FIRST_YEAR + "–" + ChineseCalendar.LAST_YEAR + " 年之间的时间（readings cover the years "
          + ChineseCalendar.FIRST_YEAR + ".." + ChineseCalendar.LAST_YEAR + " only），收到的是 ";

  @Override
  public CompletionStage<DeskAnswer<Reading>> xiaoLiuRen(LocalDateTime at) {
    return withinCalendar(at, () -> new Reading("小六壬", XiaoLiuRen.at(ChineseCalendar.at(at)).description()));
  }

  @Override
  public CompletionStage<DeskAnswer<Reading>> castHexagram(LocalDateTime at, String asker) {
    return CompletableFuture.completedFuture(DeskAnswer.ready(new Reading("起卦（六爻）", LiuYao.cast(seed(at, asker)).description())));
  }

  @Override
  public CompletionStage<DeskAnswer<Reading>> baZi(LocalDateTime birth) {
    return withinCalendar(birth, () -> new Reading("八字", BaZi.of(birth).description()));
  }

  /**
   * The cast's seed: the minute it was asked and who asked. Asking again within the same minute gives the same
   * cast, so a question cannot be re-rolled until the answer pleases.
   */
  static long seed(LocalDateTime at, String asker) {
    long minute = at.truncatedTo(ChronoUnit.MINUTES).toEpochSecond(ZoneOffset.UTC) / 60;
    // String.hashCode is fixed by the JDK specification: the same asker seeds the same cast on every JVM
    return Seeds.mix(minute) ^ (asker == null ? 0 : asker.hashCode());
  }

  private static CompletionStage<DeskAnswer<Reading>> withinCalendar(LocalDateTime time, Supplier<Reading> reading) {
    if (time.getYear() < ChineseCalendar.FIRST_YEAR || time.getYear() > ChineseCalendar.LAST_YEAR) {
      return CompletableFuture.completedFuture(DeskAnswer.unavailable(OUT_OF_RANGE + time.getYear() + " 年"));
    }
    return CompletableFuture.completedFuture(DeskAnswer.ready(reading.get()));
  }
}
