package io.celestialnexus.engine.chat.skill;

import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.chat.router.Skill;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Events nobody needs an answer to (unsubscribe, CLICK, VIEW, SCAN, ...): nothing is said. */
public final class QuietEventSkill implements Skill {

  @Override
  public String name() {
    return "event";
  }

  @Override
  public Optional<String> menuLine() {
    return Optional.empty();
  }

  @Override
  public boolean accepts(ChatMessage message) {
    return message.kind() == ChatMessage.Kind.EVENT;
  }

  @Override
  public CompletionStage<ChatReply> reply(ChatMessage message) {
    return CompletableFuture.completedFuture(ChatReply.Silent.INSTANCE);
  }
}
