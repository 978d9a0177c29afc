package io.celestialnexus.http.wechat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Per-user message limits, as the endpoint sees them. One node keeps them in an actor ({@link RateLimiterActor});
 * in cluster mode an implementation over Distributed Data can take its place.
 */
public interface RateLimiter {

  /** What one more message from a user gets. */
  enum Verdict {
    /** Within the limit: answer it. */
    ALLOWED,
    /** The first message over the limit this minute: one polite reply. */
    LIMITED_FIRST,
    /** Further messages over the limit: "success" until the minute ends. */
    LIMITED
  }

  CompletionStage<Verdict> admit(String user);

  /** No limit at all ({@code WECHAT_RATE_LIMIT_PER_MIN=0}). */
  static RateLimiter unlimited() {
    CompletionStage<Verdict> allowed = CompletableFuture.completedFuture(Verdict.ALLOWED);
    return user -> allowed;
  }
}
