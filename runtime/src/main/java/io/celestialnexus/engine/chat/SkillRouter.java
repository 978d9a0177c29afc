package io.celestialnexus.engine.chat;

import java.util.concurrent.CompletionStage;

/**
 * Turns an incoming message into a reply: the one entry point both chat edges use. Implementations must
 * not block the caller; slow work (the external AI fallback) completes the stage later.
 */
@FunctionalInterface
public interface SkillRouter {

  CompletionStage<ChatReply> reply(ChatMessage message);
}
