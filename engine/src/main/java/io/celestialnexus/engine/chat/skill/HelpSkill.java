package io.celestialnexus.engine.chat.skill;

import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.chat.router.Keywords;
import io.celestialnexus.engine.chat.router.Skill;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** 帮助: the menu of every command skill, built from their own menu lines. */
public final class HelpSkill implements Skill {

  private static final Keywords KEYWORDS = Keywords.of("帮助", "菜单", "help", "?", "？");

  private final List<String> menu;

  /** {@code menu} may still grow until the first reply (the router adds this skill's own line last). */
  public HelpSkill(List<String> menu) {
    this.menu = menu;
  }

  @Override
  public String name() {
    return "help";
  }

  @Override
  public Optional<String> menuLine() {
    return Optional.of("帮助：显示本菜单");
  }

  @Override
  public boolean accepts(ChatMessage message) {
    return KEYWORDS.matches(message);
  }

  @Override
  public CompletionStage<ChatReply> reply(ChatMessage message) {
    return CompletableFuture.completedFuture(ChatReply.text(menuText()));
  }

  public String menuText() {
    StringBuilder text = new StringBuilder("可以发送：");
    for (String line : menu) {
      text.append("\n· ").append(line);
    }
    return text.append("\n其他内容将转给 AI 助手回答。").toString();
  }
}
