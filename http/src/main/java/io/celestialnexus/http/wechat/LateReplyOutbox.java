package io.celestialnexus.http.wechat;

import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.http.LogSafe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The {@code outbox} child of {@code wechat}: replies that missed the reply deadline, delivered through WeChat's
 * customer-service message API. Each delivery gets a token from {@link AccessTokenKeeper}; a token WeChat rejects is
 * reported back and the send retried once at once with a fresh one; any other failure is retried after
 * {@code min-backoff} doubled per attempt (at most {@code max-backoff}) up to {@code attempts}. After the last attempt
 * the reply becomes a dead letter: kept (newest {@code dead-letters-kept}), logged, counted in
 * {@code wechat_dead_letters_total} and raised as a {@code WECHAT_DEAD_LETTER} alert, which {@code /status} shows.
 * Nothing is dropped silently: replies still pending when the actor stops are logged one by one.
 */
public final class LateReplyOutbox extends AbstractBehavior<LateReplyOutbox.Command> {

  public sealed interface Command {}

  /** Send {@code reply} to {@code openId} (the user who wrote). */
  public record Deliver(String openId, ChatReply reply) implements Command {}

  public record GetDeadLetters(ActorRef<List<DeadLetter>> replyTo) implements Command {}

  /** A reply given up on, with why. */
  public record DeadLetter(Instant at, String openId, String reply, int attempts, String reason) {}

  private record TokenAnswer(long id, String token, Throwable failure) implements Command {}

  private record Sent(long id) implements Command {}

  private record SendFailed(long id, String token, Throwable cause) implements Command {}

  private record Retry(long id) implements Command {}

  public static final String ALERT_KIND = "WECHAT_DEAD_LETTER";
  public static final String COMPONENT = "wechat-outbox";

  /** One reply on its way. */
  private static final class Delivery {
    final long id;
    final String openId;
    final ChatReply reply;
    int attempt = 1;
    boolean tokenRefreshed;

    Delivery(long id, String openId, ChatReply reply) {
      this.id = id;
      this.openId = openId;
      this.reply = reply;
    }
  }

  private final TimerScheduler<Command> timers;
  private final Optional<WechatApiClient> api;
  private final Optional<ActorRef<AccessTokenKeeper.Command>> tokens;
  private final ActorRef<StatusBoard.Command> board;
  private final WechatSettings.CustomerService settings;
  private final Duration askTimeout;
  private final WechatMetrics metrics;
  private final Clock clock;
  private final Map<Long, Delivery> pending = new HashMap<>();
  private final Deque<DeadLetter> deadLetters = new ArrayDeque<>();
  private long nextId;
  private long sent;
  private long deadLettersTotal;

  private LateReplyOutbox(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      Optional<WechatApiClient> api,
      Optional<ActorRef<AccessTokenKeeper.Command>> tokens,
      ActorRef<StatusBoard.Command> board,
      WechatSettings settings,
      WechatMetrics metrics,
      Clock clock) {
    super(context);
    this.timers = timers;
    this.api = api;
    this.tokens = tokens;
    this.board = board;
    this.settings = settings.customerService();
    this.askTimeout = settings.api().timeout().multipliedBy(2).plusSeconds(1);
    this.metrics = metrics;
    this.clock = clock;
  }

  /** {@code api} and {@code tokens} are empty when no AppID/AppSecret is configured: every late reply is a dead letter. */
  public static Behavior<Command> create(
      Optional<WechatApiClient> api,
      Optional<ActorRef<AccessTokenKeeper.Command>> tokens,
      ActorRef<StatusBoard.Command> board,
      WechatSettings settings,
      WechatMetrics metrics,
      Clock clock) {
    return Behaviors.setup(
        context -> Behaviors.withTimers(timers -> new LateReplyOutbox(context, timers, api, tokens, board, settings, metrics, clock)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Deliver.class, this::onDeliver)
        .onMessage(GetDeadLetters.class, this::onGetDeadLetters)
        .onMessage(TokenAnswer.class, this::onTokenAnswer)
        .onMessage(Sent.class, this::onSent)
        .onMessage(SendFailed.class, this::onSendFailed)
        .onMessage(Retry.class, this::onRetry)
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  private Behavior<Command> onDeliver(Deliver deliver) {
    Delivery delivery = new Delivery(nextId++, deliver.openId(), deliver.reply());
    if (api.isEmpty() || tokens.isEmpty()) {
      deadLetter(delivery, "the customer-service API is not configured (set WECHAT_APPID and WECHAT_APPSECRET)");
      return this;
    }
    pending.put(delivery.id, delivery);
    requestToken(delivery, Optional.empty());
    return this;
  }

  private Behavior<Command> onGetDeadLetters(GetDeadLetters query) {
    query.replyTo().tell(List.copyOf(deadLetters));
    return this;
  }

  /** Asks for a token; with {@code rejected}, for a fresh one instead of that one. */
  private void requestToken(Delivery delivery, Optional<String> rejected) {
    long id = delivery.id;
    getContext().askWithStatus(
        String.class,
        tokens.orElseThrow(),
        askTimeout,
        replyTo ->
            rejected.<AccessTokenKeeper.Command>map(token -> new AccessTokenKeeper.TokenRejected(token, replyTo))
                .orElseGet(() -> new AccessTokenKeeper.GetToken(replyTo)),
        (token, failure) -> new TokenAnswer(id, token, failure));
  }

  private Behavior<Command> onTokenAnswer(TokenAnswer answer) {
    Delivery delivery = pending.get(answer.id());
    if (delivery == null) {
      return this;
    }
    if (answer.failure() != null) {
      attemptFailed(delivery, answer.failure().getMessage());
      return this;
    }
    getContext().pipeToSelf(
        api.orElseThrow().sendCustomerMessage(answer.token(), delivery.openId, delivery.reply),
        (ok, failure) -> failure == null ? new Sent(delivery.id) : new SendFailed(delivery.id, answer.token(), failure));
    return this;
  }

  private Behavior<Command> onSent(Sent sentMessage) {
    if (pending.remove(sentMessage.id()) != null) {
      sent++;
      metrics.customerMessage("sent");
    }
    return this;
  }

  private Behavior<Command> onSendFailed(SendFailed failed) {
    Delivery delivery = pending.get(failed.id());
    if (delivery == null) {
      return this;
    }
    Throwable cause = failed.cause() instanceof CompletionException && failed.cause().getCause() != null ? failed.cause().getCause() : failed.cause();
    if (cause instanceof WechatApiException api && api.tokenRejected() && !delivery.tokenRefreshed) {
      // the token expired or was replaced elsewhere: refresh it and retry once, at once, without using an attempt
      delivery.tokenRefreshed = true;
      metrics.customerMessage("token_refreshed");
      requestToken(delivery, Optional.of(failed.token()));
      return this;
    }
    attemptFailed(delivery, String.valueOf(cause.getMessage()));
    return this;
  }

  private Behavior<Command> onRetry(Retry retry) {
    Delivery delivery = pending.get(retry.id());
    if (delivery != null) {
      requestToken(delivery, Optional.empty());
    }
    return this;
  }

  private void attemptFailed(Delivery delivery, String reason) {
    if (delivery.attempt >= settings.attempts()) {
      pending.remove(delivery.id);
      deadLetter(delivery, reason);
    } else {
      Duration wait = backoff(delivery.attempt);
      getContext().getLog().info("late reply to {} failed (attempt {} of {}): {}; retrying in {}", LogSafe.of(delivery.openId),
          delivery.attempt, settings.attempts(), LogSafe.of(reason), wait);
      delivery.attempt++;
      timers.startSingleTimer(delivery.id, new Retry(delivery.id), wait);
    }
    metrics.customerMessage("failed");
  }

  /** min-backoff doubled per failed attempt, capped at max-backoff. */
  private Duration backoff(int failedAttempts) {
    Duration wait = settings.minBackoff();
    for (int i = 1; i < failedAttempts && wait.compareTo(settings.maxBackoff()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
  }

  private void deadLetter(Delivery delivery, String reason) {
    DeadLetter letter = new DeadLetter(clock.instant(), delivery.openId, preview(delivery.reply), delivery.attempt, reason);
    deadLetters.addFirst(letter);
    while (deadLetters.size() > settings.deadLettersKept()) {
      deadLetters.removeLast();
    }
    deadLettersTotal++;
    metrics.deadLetters().increment();
    String message =
        "late reply to " + letter.openId() + " undeliverable after " + letter.attempts() + " attempt(s): " + reason + " | reply: "
            + letter.reply();
    getContext().getLog().warn("dead letter: {}", LogSafe.of(message));
    board.tell(new StatusBoard.RaiseAlert(ALERT_KIND, null, message));
    board.tell(
        new StatusBoard.ComponentUpdated(
            COMPONENT, true, sent + " late replies sent, " + pending.size() + " pending, " + deadLettersTotal + " dead letters"));
  }

  private static String preview(ChatReply reply) {
    String text =
        reply instanceof ChatReply.Text t
            ? t.content()
            : reply instanceof ChatReply.News news && !news.articles().isEmpty() ? "[news] " + news.articles().get(0).title() : "";
    return text.length() > 120 ? text.substring(0, 120) + "…" : text;
  }

  private Behavior<Command> onPostStop() {
    for (Delivery delivery : pending.values()) {
      getContext().getLog().warn("late reply to {} dropped at shutdown: {}", LogSafe.of(delivery.openId), LogSafe.of(preview(delivery.reply)));
    }
    return this;
  }
}
