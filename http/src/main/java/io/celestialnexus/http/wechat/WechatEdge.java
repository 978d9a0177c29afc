package io.celestialnexus.http.wechat;

import io.celestialnexus.engine.status.StatusBoard;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The {@code wechat} node: the state that belongs to the Official Account edge, one child each, and nothing else
 * (it only supervises). Children: {@code dedup} ({@link DedupWindowActor}), {@code rate-limit}
 * ({@link RateLimiterActor}, only with a limit), {@code access-token} ({@link AccessTokenKeeper}, only with an AppID
 * and AppSecret) and {@code outbox} ({@link LateReplyOutbox}).
 *
 * <p>Each child restarts in place on failure, so the references handed out in {@link Services} stay valid for the
 * node's life; a restarted child starts empty (the dedup window and rate limits are short-lived by nature, the access
 * token is read back from its file). The token keeper restarts with backoff ({@code api.restart-backoff}) because its failures are IO.
 */
public final class WechatEdge {

  /** What the {@code wechat} listener's routes use. */
  public record Services(DedupWindow dedup, RateLimiter rateLimiter, ActorRef<LateReplyOutbox.Command> outbox) {

    public ReplyGate.LateReplies lateReplies() {
      return (openId, reply) -> outbox.tell(new LateReplyOutbox.Deliver(openId, reply));
    }
  }

  private WechatEdge() {}

  /** {@code started} completes with the services once the children are spawned. */
  public static Behavior<Void> create(
      WechatSettings settings,
      ActorRef<StatusBoard.Command> board,
      WechatMetrics metrics,
      Clock clock,
      CompletableFuture<Services> started) {
    return Behaviors.setup(
        context -> {
          var system = context.getSystem();
          ActorRef<DedupWindowActor.Command> dedup =
              context.spawn(
                  Behaviors.supervise(DedupWindowActor.create(settings.dedupWindow(), settings.dedupMaxEntries()))
                      .onFailure(SupervisorStrategy.restart()),
                  "dedup");
          RateLimiter limiter = RateLimiter.unlimited();
          if (settings.rateLimitPerMinute() > 0) {
            ActorRef<RateLimiterActor.Command> rateLimit =
                context.spawn(
                    Behaviors.supervise(RateLimiterActor.create(settings.rateLimitPerMinute()))
                        .onFailure(SupervisorStrategy.restart()),
                    "rate-limit");
            limiter = RateLimiterActor.client(rateLimit, system, settings.replyDeadline());
          }
          Optional<WechatApiClient> api = Optional.empty();
          Optional<ActorRef<AccessTokenKeeper.Command>> tokens = Optional.empty();
          if (settings.customerServiceConfigured()) {
            WechatApiClient client =
                new WechatApiClient(settings.api().baseUrl(), settings.api().timeout(), settings.appId(), settings.appSecret());
            api = Optional.of(client);
            tokens =
                Optional.of(
                    context.spawn(
                        Behaviors.supervise(AccessTokenKeeper.create(client, clock, settings.api(), metrics))
                            .onFailure(settings.api().restartBackoff().supervisorStrategy()),
                        "access-token"));
          }
          ActorRef<LateReplyOutbox.Command> outbox =
              context.spawn(
                  Behaviors.supervise(LateReplyOutbox.create(api, tokens, board, settings, metrics, clock))
                      .onFailure(SupervisorStrategy.restart()),
                  "outbox");
          started.complete(new Services(DedupWindowActor.client(dedup, system), limiter, outbox));
          return Behaviors.empty();
        });
  }
}
