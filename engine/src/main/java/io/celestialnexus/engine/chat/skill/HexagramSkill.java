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

/** 起卦 / 六爻: a hexagram cast for the sender at the moment the message arrived. */
public final class HexagramSkill implements Skill {

  private static final Keywords KEYWORDS = Keywords.of("起卦", "六爻");

  private final ReadingDesk desk;
  private final ZoneId zone;

  public HexagramSkill(ReadingDesk desk, ZoneId zone) {
    this.desk = desk;
    this.zone = zone;
  }

  @Override
  public String name() {
    return "hexagram";
  }

  @Override
  public Optional<String> menuLine() {
    return Optional.of(KEYWORDS.display() + "：以此刻起一卦");
  }

  @Override
  public boolean accepts(ChatMessage message) {
    return KEYWORDS.matches(message);
  }

  @Override
  public CompletionStage<ChatReply> reply(ChatMessage message) {
    return desk.castHexagram(LocalDateTime.ofInstant(message.receivedAt(), zone), message.sender()).thenApply(Readings::reply);
  }
}
