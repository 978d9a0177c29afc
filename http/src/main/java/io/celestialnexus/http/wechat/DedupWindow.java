package io.celestialnexus.http.wechat;

import io.celestialnexus.engine.chat.ChatReply;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The dedup window with cached replies, as the endpoint sees it. One node keeps it in an actor
 * ({@link DedupWindowActor}); in cluster mode an implementation over Distributed Data can take its place.
 */
public interface DedupWindow {

  /** What a claim on a message's dedup key finds. */
  sealed interface Claim {}

  /** First sighting: the caller computes the reply and must {@link #complete} (or {@link #defer}) the key. */
  enum Fresh implements Claim {
    INSTANCE
  }

  /** A re-delivery of a message that was answered: the same reply again. */
  record Answered(ChatReply reply) implements Claim {}

  /** A re-delivery of a message whose reply goes (or went) out through the customer-service API: "success". */
  enum Deferred implements Claim {
    INSTANCE
  }

  /**
   * Claims {@code key}. A re-delivery that arrives while the first is still being answered waits up to
   * {@code wait} for the same result instead of running the skill twice.
   */
  CompletionStage<Claim> claim(String key, Duration wait);

  /** The reply for {@code key}; re-deliveries within the window get it. */
  void complete(String key, ChatReply reply);

  /** The reply for {@code key} missed the deadline and goes out later; re-deliveries get "success". */
  void defer(String key);
}
