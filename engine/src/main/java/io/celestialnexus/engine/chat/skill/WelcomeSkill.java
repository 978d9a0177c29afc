package io.celestialnexus.engine.chat.skill;

import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.chat.router.Skill;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A new follower (subscribe event) gets the welcome text and the menu. */
public final class WelcomeSkill implements Skill {

  private final String welcome;
  private final HelpSkill help;

  public WelcomeSkill(String welcome, HelpSkill help) {
    this.welcome = welcome;
    this.help = help;
  }

  @Override
  public String name() {
    return "welcome";
  }

  @Override
  public Optional<String> menuLine() {
    return Optional.empty();
  }

  @Override
  public boolean accepts(ChatMessage message) {
    return message.kind() == ChatMessage.Kind.EVENT && "subscribe".equalsIgnoreCase(message.event());
  }

  @Override
  public CompletionStage<ChatReply> reply(ChatMessage message) {
    return CompletableFuture.completedFuture(ChatReply.text(welcome + "\n" + help.menuText()));
  }
}
