package io.celestialnexus.engine.chat.skill;

import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.chat.router.Keywords;
import io.celestialnexus.engine.chat.router.Skill;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * 帮助: the menu of every command skill, built from their own menu lines. The reply is built once: a webhook under
 * load answers 帮助 thousands of times, and each reply is also kept in the dedup window for its whole life.
 */
public final class HelpSkill implements Skill {

  /** This skill's own line, the menu's last. */
  public static final String MENU_LINE = "帮助：显示本菜单";

  private static final Keywords KEYWORDS = Keywords.of("帮助", "菜单", "help", "?", "？");

  private final String menuText;
  private final ChatReply reply;

  /** {@code menu}: every line of the menu in order, this skill's own ({@link #MENU_LINE}) included. */
  public HelpSkill(List<String> menu) {
    StringBuilder text = new StringBuilder("可以发送：");
    for (String line : menu) {
      text.append("\n· ").append(line);
    }
    this.menuText = text.append("\n其他内容将转给 AI 助手回答。").toString();
    this.reply = ChatReply.text(menuText);
  }

  @Override
  public String name() {
    return "help";
  }

  @Override
  public Optional<String> menuLine() {
    return Optional.of(MENU_LINE);
  }

  @Override
  public boolean accepts(ChatMessage message) {
    return KEYWORDS.matches(message);
  }

  @Override
  public CompletionStage<ChatReply> reply(ChatMessage message) {
    return CompletableFuture.completedFuture(reply);
  }

  public String menuText() {
    return menuText;
  }
}
