package io.celestialnexus.http.wechat;

import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.chat.SkillRouter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Skills for endpoint tests: "hold NAME" answers only when the test releases NAME; subscribe is welcomed, other events
 * are silent; any other text is echoed. Every call is counted per dedup key.
 */
final class ScriptedSkills implements SkillRouter {

  private final Map<String, CompletableFuture<ChatReply>> held = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  @Override
  public CompletionStage<ChatReply> reply(ChatMessage message) {
    calls.computeIfAbsent(message.dedupKey(), key -> new AtomicInteger()).incrementAndGet();
    if (message.kind() == ChatMessage.Kind.EVENT) {
      return CompletableFuture.completedFuture(
          "subscribe".equals(message.event()) ? ChatReply.text("welcome") : ChatReply.Silent.INSTANCE);
    }
    if (message.text().startsWith("hold ")) {
      return held(message.text().substring(5));
    }
    return CompletableFuture.completedFuture(ChatReply.text("echo: " + message.text()));
  }

  CompletableFuture<ChatReply> held(String name) {
    return held.computeIfAbsent(name, key -> new CompletableFuture<>());
  }

  void release(String name, String reply) {
    held(name).complete(ChatReply.text(reply));
  }

  int calls(String dedupKey) {
    AtomicInteger count = calls.get(dedupKey);
    return count == null ? 0 : count.get();
  }
}
