package io.celestialnexus.engine.chat.router;

import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.chat.ChatReply;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One thing the chat can do (show the menu, the latest picks, a reading, ...). The router asks each registered
 * skill in order whether it {@link #accepts} a message; the first that does answers it. Skills never block the
 * caller: slow work completes the stage later.
 */
public interface Skill {

  /** Stable short name: metrics tag and log key (bounded: one per skill class). */
  String name();

  /** The line this skill adds to the 帮助 menu; empty for skills that are not commands (events, fallback). */
  Optional<String> menuLine();

  boolean accepts(ChatMessage message);

  CompletionStage<ChatReply> reply(ChatMessage message);
}
