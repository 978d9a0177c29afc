package io.celestialnexus.engine.chat.skill;

import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.chat.router.Skill;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Pictures, voice, video, locations and links: the commands are text, so say so and point at the menu. */
public final class NonTextSkill implements Skill {

  static final String REPLY = "暂时只能读懂文字消息。发送「帮助」查看可用命令。";

  @Override
  public String name() {
    return "non-text";
  }

  @Override
  public Optional<String> menuLine() {
    return Optional.empty();
  }

  @Override
  public boolean accepts(ChatMessage message) {
    return message.kind() != ChatMessage.Kind.TEXT && message.kind() != ChatMessage.Kind.EVENT;
  }

  @Override
  public CompletionStage<ChatReply> reply(ChatMessage message) {
    return CompletableFuture.completedFuture(ChatReply.text(REPLY));
  }
}
