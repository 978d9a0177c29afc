package io.celestialnexus.http.wechat;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The {@code rate-limit} child of {@code wechat}: each user's current minute, which starts with their first
 * message and counts the messages in it. Over {@code per-minute}, the first extra message gets one polite reply,
 * the rest "success", until that minute ends.
 *
 * <p>Time is counted in one-second ticks (a timer, so ManualTime drives it in tests). Minutes are kept in the order
 * they started, which is the order they end, so a tick drops only the ended ones. State is memory only; a restart
 * starts every user's minute afresh.
 */
public final class RateLimiterActor extends AbstractBehavior<RateLimiterActor.Command> {

  public sealed interface Command {}

  public record Admit(String user, ActorRef<RateLimiter.Verdict> replyTo) implements Command {}

  private enum Tick implements Command {
    INSTANCE
  }

  private static final Duration TICK = Duration.ofSeconds(1);
  private static final long MINUTE_TICKS = 60;

  /** One user's minute. */
  private static final class Minute {
    final long startedAt;
    int messages;
    boolean warned;

    Minute(long startedAt) {
      this.startedAt = startedAt;
    }
  }

  private final int perMinute;
  private final LinkedHashMap<String, Minute> minutes = new LinkedHashMap<>();
  private long now;

  private RateLimiterActor(ActorContext<Command> context, TimerScheduler<Command> timers, int perMinute) {
    super(context);
    this.perMinute = perMinute;
    timers.startTimerWithFixedDelay(Tick.INSTANCE, TICK);
  }

  public static Behavior<Command> create(int perMinute) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> new RateLimiterActor(context, timers, perMinute)));
  }

  /** The limiter behind {@code ref}; if it does not answer within {@code timeout} the message is allowed. */
  public static RateLimiter client(ActorRef<Command> ref, ActorSystem<?> system, Duration timeout) {
    return user -> EdgeAsk.ask(ref, replyTo -> new Admit(user, replyTo), timeout, RateLimiter.Verdict.ALLOWED, system);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder().onMessage(Admit.class, this::onAdmit).onMessageEquals(Tick.INSTANCE, this::onTick).build();
  }

  private Behavior<Command> onAdmit(Admit admit) {
    Minute minute = minutes.get(admit.user());
    if (minute == null) {
      minute = new Minute(now);
      minutes.put(admit.user(), minute);
    }
    RateLimiter.Verdict verdict;
    if (minute.messages < perMinute) {
      minute.messages++;
      verdict = RateLimiter.Verdict.ALLOWED;
    } else if (!minute.warned) {
      minute.warned = true;
      verdict = RateLimiter.Verdict.LIMITED_FIRST;
    } else {
      verdict = RateLimiter.Verdict.LIMITED;
    }
    admit.replyTo().tell(verdict);
    return this;
  }

  private Behavior<Command> onTick() {
    now++;
    Iterator<Minute> oldest = minutes.values().iterator();
    while (oldest.hasNext() && now - oldest.next().startedAt >= MINUTE_TICKS) {
      oldest.remove();
    }
    return this;
  }
}
