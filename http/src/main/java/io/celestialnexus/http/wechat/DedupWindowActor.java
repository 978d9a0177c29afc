package io.celestialnexus.http.wechat;

import io.celestialnexus.engine.chat.ChatReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The {@code dedup} child of {@code wechat}: every message key seen within the window, with its reply once known,
 * and the re-deliveries waiting for a reply still being computed.
 *
 * <p>Time is counted in ticks of one second (a timer), so the window is exact to a second and follows ManualTime in
 * tests: a key lives at least the window and at most one second longer. Keys are kept in arrival order, which is
 * also expiry order, so each tick drops only what expired; above {@code max-entries} the oldest key is dropped at
 * once. Waiters of a dropped key are told {@link DedupWindow.Deferred} (their request answers "success").
 *
 * <p>State is memory only: a restart (after a failure, or of the node) forgets the window, so a re-delivery that
 * arrives across a restart runs its skill again. That is the one duplicate WeChat's protocol allows us.
 */
public final class DedupWindowActor extends AbstractBehavior<DedupWindowActor.Command> {

  public sealed interface Command {}

  public record Claim(String key, ActorRef<DedupWindow.Claim> replyTo) implements Command {}

  public record Complete(String key, ChatReply reply) implements Command {}

  public record Defer(String key) implements Command {}

  /** How many keys the window holds now (tests, status). */
  public record GetSize(ActorRef<Integer> replyTo) implements Command {}

  private enum Tick implements Command {
    INSTANCE
  }

  static final Duration TICK = Duration.ofSeconds(1);

  /** One key: when it arrived (in ticks), its reply once known, whether it went late, who waits for it. */
  private static final class Entry {
    final long bornAt;
    ChatReply reply;
    boolean deferred;
    List<ActorRef<DedupWindow.Claim>> waiters = List.of();

    Entry(long bornAt) {
      this.bornAt = bornAt;
    }
  }

  private final long windowTicks;
  private final int maxEntries;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
  private long now;

  private DedupWindowActor(ActorContext<Command> context, TimerScheduler<Command> timers, Duration window, int maxEntries) {
    super(context);
    this.windowTicks = (window.toMillis() + TICK.toMillis() - 1) / TICK.toMillis();
    this.maxEntries = maxEntries;
    timers.startTimerWithFixedDelay(Tick.INSTANCE, TICK);
  }

  public static Behavior<Command> create(Duration window, int maxEntries) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> new DedupWindowActor(context, timers, window, maxEntries)));
  }

  /** The window behind {@code ref}, asked with AskPattern (for the HTTP edge). */
  public static DedupWindow client(ActorRef<Command> ref, ActorSystem<?> system) {
    return new DedupWindow() {
      @Override
      public CompletionStage<DedupWindow.Claim> claim(String key, Duration wait) {
        // Only a re-delivery waits; if even that outlives the caller's deadline, the first delivery is answering
        // (and will defer): this one answers "success".
        return EdgeAsk.ask(ref, replyTo -> new DedupWindowActor.Claim(key, replyTo), wait, DedupWindow.Deferred.INSTANCE, system);
      }

      @Override
      public void complete(String key, ChatReply reply) {
        ref.tell(new Complete(key, reply));
      }

      @Override
      public void defer(String key) {
        ref.tell(new Defer(key));
      }
    };
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Claim.class, this::onClaim)
        .onMessage(Complete.class, this::onComplete)
        .onMessage(Defer.class, this::onDefer)
        .onMessage(GetSize.class, this::onGetSize)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .build();
  }

  private Behavior<Command> onClaim(Claim claim) {
    Entry entry = entries.get(claim.key());
    if (entry == null) {
      if (entries.size() >= maxEntries) {
        Iterator<Entry> oldest = entries.values().iterator();
        answerWaiters(oldest.next(), DedupWindow.Deferred.INSTANCE);
        oldest.remove();
      }
      entries.put(claim.key(), new Entry(now));
      claim.replyTo().tell(DedupWindow.Fresh.INSTANCE);
    } else if (entry.deferred) {
      claim.replyTo().tell(DedupWindow.Deferred.INSTANCE);
    } else if (entry.reply != null) {
      claim.replyTo().tell(new DedupWindow.Answered(entry.reply));
    } else {
      List<ActorRef<DedupWindow.Claim>> waiters = new ArrayList<>(entry.waiters);
      waiters.add(claim.replyTo());
      entry.waiters = waiters;
    }
    return this;
  }

  private Behavior<Command> onComplete(Complete complete) {
    Entry entry = entries.get(complete.key());
    if (entry != null && entry.reply == null) {
      entry.reply = complete.reply();
      DedupWindow.Claim answer = entry.deferred ? DedupWindow.Deferred.INSTANCE : new DedupWindow.Answered(entry.reply);
      answerWaiters(entry, answer);
    }
    return this;
  }

  private Behavior<Command> onDefer(Defer defer) {
    Entry entry = entries.get(defer.key());
    if (entry != null) {
      entry.deferred = true;
      answerWaiters(entry, DedupWindow.Deferred.INSTANCE);
    }
    return this;
  }

  private Behavior<Command> onGetSize(GetSize query) {
    query.replyTo().tell(entries.size());
    return this;
  }

  private Behavior<Command> onTick() {
    now++;
    Iterator<Entry> oldest = entries.values().iterator();
    while (oldest.hasNext()) {
      Entry entry = oldest.next();
      if (now - entry.bornAt <= windowTicks) {
        break;
      }
      answerWaiters(entry, DedupWindow.Deferred.INSTANCE);
      oldest.remove();
    }
    return this;
  }

  private static void answerWaiters(Entry entry, DedupWindow.Claim answer) {
    entry.waiters.forEach(waiter -> waiter.tell(answer));
    entry.waiters = List.of();
  }
}
