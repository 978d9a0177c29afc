package io.celestialnexus.engine.chat.skill;

import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.chat.desk.ReadingDesk;
import io.celestialnexus.engine.chat.router.Keywords;
import io.celestialnexus.engine.chat.router.Skill;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** 小六壬 for the moment the message arrived, in the chat's time zone. */
public final class XiaoLiuRenSkill implements Skill {

  private static final Keywords KEYWORDS = Keywords.of("小六壬");

  private final ReadingDesk desk;
  private final ZoneId zone;

  public XiaoLiuRenSkill(ReadingDesk desk, ZoneId zone) {
    this.desk = desk;
    this.zone = zone;
  }

  @Override
  public String name() {
    return "xiaoliuren";
  }

  @Override
  public Optional<String> menuLine() {
    return Optional.of("小六壬：以此刻起课");
  }

  @Override
  public boolean accepts(ChatMessage message) {
    return KEYWORDS.matches(message);
  }

  @Override
  public CompletionStage<ChatReply> reply(ChatMessage message) {
    return desk.xiaoLiuRen(LocalDateTime.ofInstant(message.receivedAt(), zone)).thenApply(Readings::reply);
  }
}
