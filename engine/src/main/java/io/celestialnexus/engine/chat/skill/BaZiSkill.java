package io.celestialnexus.engine.chat.skill;

import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.chat.desk.ReadingDesk;
import io.celestialnexus.engine.chat.router.Keywords;
import io.celestialnexus.engine.chat.router.Skill;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** 八字 &lt;birth date and time&gt;: the four pillars; a birth time it cannot read gets the expected format back. */
public final class BaZiSkill implements Skill {

  static final String USAGE = "请按格式发送出生时间，例如：八字 1990-05-17 08:30（或 八字 1990年5月17日8时）";

  private static final Keywords KEYWORDS = Keywords.of("八字");

  private final ReadingDesk desk;

  public BaZiSkill(ReadingDesk desk) {
    this.desk = desk;
  }

  @Override
  public String name() {
    return "bazi";
  }

  @Override
  public Optional<String> menuLine() {
    return Optional.of("八字 出生时间：排四柱，例如 八字 1990-05-17 08:30");
  }

  @Override
  public boolean accepts(ChatMessage message) {
    return KEYWORDS.matches(message);
  }

  @Override
  public CompletionStage<ChatReply> reply(ChatMessage message) {
    Optional<LocalDateTime> birth = KEYWORDS.argument(message).flatMap(BirthTime::parse);
    if (birth.isEmpty()) {
      return CompletableFuture.completedFuture(ChatReply.text(USAGE));
    }
    return desk.baZi(birth.get()).thenApply(Readings::reply);
  }
}
