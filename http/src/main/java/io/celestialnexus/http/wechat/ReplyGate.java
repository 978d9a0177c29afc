package io.celestialnexus.http.wechat;

import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.chat.SkillRouter;
import io.celestialnexus.http.LogSafe;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.ExecutionContextExecutor;

/**
 * Answers one message inside WeChat's 5-second window. In order: the dedup window (a re-delivery gets the first
 * delivery's reply, or waits for it while it is being computed), the user's rate limit (over it: one polite text,
 * then "success"), then the skills. A reply not ready by {@code reply-deadline} is answered with "success" at once and
 * handed to the customer-service API when it is ready; re-deliveries of that message then get "success" too, so the
 * person sees the reply exactly once.
 */
public final class ReplyGate {

  /** Where replies that missed the deadline go. */
  @FunctionalInterface
  public interface LateReplies {
    void deliver(String openId, ChatReply reply);
  }

  private static final Logger LOG = LoggerFactory.getLogger(ReplyGate.class);

  private final DedupWindow dedup;
  private final RateLimiter limiter;
  private final SkillRouter skills;
  private final LateReplies late;
  private final Scheduler scheduler;
  private final ExecutionContextExecutor executor;
  private final Duration deadline;
  private final ChatReply rateLimitReply;
  private final WechatMetrics metrics;

  public ReplyGate(
      DedupWindow dedup,
      RateLimiter limiter,
      SkillRouter skills,
      LateReplies late,
      Scheduler scheduler,
      ExecutionContextExecutor executor,
      WechatSettings settings,
      WechatMetrics metrics) {
    this.dedup = dedup;
    this.limiter = limiter;
    this.skills = skills;
    this.late = late;
    this.scheduler = scheduler;
    this.executor = executor;
    this.deadline = settings.replyDeadline();
    this.rateLimitReply = ChatReply.text(settings.rateLimitMessage());
    this.metrics = metrics;
  }

  public CompletionStage<ChatReply> answer(ChatMessage message) {
    long start = System.nanoTime();
    return dedup
        .claim(message.dedupKey(), deadline)
        .thenCompose(
            claim -> {
              if (claim instanceof DedupWindow.Answered answered) {
                metrics.dedupHits().increment();
                return CompletableFuture.completedFuture(answered.reply());
              }
              if (claim instanceof DedupWindow.Deferred) {
                metrics.dedupHits().increment();
                return CompletableFuture.completedFuture(ChatReply.Silent.INSTANCE);
              }
              return fresh(message, start);
            });
  }

  private CompletionStage<ChatReply> fresh(ChatMessage message, long start) {
    String key = message.dedupKey();
    CompletionStage<ChatReply> reply =
        limiter
            .admit(message.sender())
            .thenCompose(
                verdict ->
                    switch (verdict) {
                      case ALLOWED -> skills.reply(message);
                      case LIMITED_FIRST -> limited(rateLimitReply);
                      case LIMITED -> limited(ChatReply.Silent.INSTANCE);
                    });
    CompletableFuture<ChatReply> answer = new CompletableFuture<>();
    reply.whenComplete(
        (result, failure) -> {
          ChatReply settled = result;
          if (failure != null || result == null) {
            LOG.warn("no reply for a message from {}: {}", LogSafe.of(message.sender()), LogSafe.of(failure));
            settled = ChatReply.Silent.INSTANCE;
          }
          dedup.complete(key, settled);
          if (!answer.complete(settled) && !(settled instanceof ChatReply.Silent)) {
            late.deliver(message.sender(), settled);
          }
        });
    // most skills answer at once: the deadline timer is armed only for a reply still on its way
    if (!answer.isDone()) {
      Duration remaining = deadline.minusNanos(System.nanoTime() - start);
      Cancellable timer =
          scheduler.scheduleOnce(
              remaining.isNegative() ? Duration.ZERO : remaining,
              () -> {
                if (answer.complete(ChatReply.Silent.INSTANCE)) {
                  dedup.defer(key);
                  metrics.lateReplies().increment();
                }
              },
              executor);
      answer.whenComplete((settled, failure) -> timer.cancel());
    }
    return answer;
  }

  private CompletionStage<ChatReply> limited(ChatReply reply) {
    metrics.rateLimited().increment();
    return CompletableFuture.completedFuture(reply);
  }
}
