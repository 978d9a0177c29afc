package io.celestialnexus.app.node;

import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.chat.SkillRouter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The node's skill router until the skills (预测, 评估, 状态, ...) are wired in: it tells people, honestly, that
 * their message arrived and that this node cannot answer it yet. It claims nothing else.
 */
public final class InterimSkillRouter implements SkillRouter {

  static final String REPLY = "已收到您的消息。本节点的技能（预测、评估、状态等）尚未启用，暂时无法回答。";

  @Override
  public CompletionStage<ChatReply> reply(ChatMessage message) {
    return CompletableFuture.completedFuture(ChatReply.text(REPLY));
  }
}
