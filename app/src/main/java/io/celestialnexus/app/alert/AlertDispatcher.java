package io.celestialnexus.app.alert;

import static io.celestialnexus.app.alert.AlertMetricNames.DELIVERED;
import static io.celestialnexus.app.alert.AlertMetricNames.FAILED;
import static io.celestialnexus.app.alert.AlertMetricNames.RETRIED;
import static io.celestialnexus.app.alert.AlertMetricNames.SENT;
import static io.celestialnexus.app.alert.AlertMetricNames.TAG_CHANNEL;
import static io.celestialnexus.app.alert.AlertMetricNames.TAG_OUTCOME;

import io.celestialnexus.engine.status.AlertNotice;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The {@code alerts} node: turns the status board's alert notices into messages to people, through every configured
 * channel's {@link AlertCourier}.
 *
 * <ul>
 *   <li>Grouping: a notice waits {@code group-wait} for others, and everything waiting then goes out as one message,
 *       repeats of one alert (same kind and subject) folded into one line with their count. After an alert went out,
 *       its repeats wait until {@code group-interval} has passed since, and then go out folded again: a storm of a
 *       hundred is one message, a storm that lasts is one message per interval. A resolution travels with whatever
 *       of its alert still waits, and ends its interval.
 *   <li>Rate limit: at most {@code rate-limit.messages} messages inside any {@code rate-limit.per}; what has to wait
 *       goes out as one digest when the window allows.
 *   <li>Retries: each channel on its own; an attempt that fails retryably is tried again after {@code min-backoff}
 *       doubled per failure (at most {@code max-backoff}), up to {@code attempts} in all; then, or at once for a refusal
 *       that retrying cannot mend, the message is given up for that channel, logged at ERROR and counted as failed.
 * </ul>
 *
 * <p>Deliveries run on the couriers' own threads (HTTP client, blocking dispatcher) and come back as messages. State
 * is what waits, in memory: on a restart (or a stop) whatever had not gone out is lost; the board still logged it and
 * wrote it to {@code alerts.json}.
 */
public final class AlertDispatcher extends AbstractBehavior<AlertDispatcher.Command> {

  public sealed interface Command {}

  /** An alert the board raised or resolved. */
  public record Notify(AlertNotice notice) implements Command {}

  /** How many alerts wait for grouping or their interval, and how many wait for a slot in the rate window. */
  public record GetBacklog(ActorRef<Backlog> replyTo) implements Command {}

  public record Backlog(int waiting, int ready) {}

  private enum Flush implements Command {
    INSTANCE
  }

  /** The interval of an alert that went out ended; its repeats may go. */
  private record IntervalOver(String key) implements Command {}

  /** A message's slot in the rate window is free again. */
  private enum SlotFree implements Command {
    INSTANCE
  }

  private record Attempted(Delivery delivery, Throwable failure) implements Command {}

  private record RetryDue(Delivery delivery) implements Command {}

  /** The {@code attempt}-th try of a message to one courier. */
  private record Delivery(AlertCourier courier, AlertMessage message, int attempt) {}

  /** The raises of one alert not yet sent: counted, the newest text kept. */
  private static final class Group {
    final AlertNotice first;
    AlertNotice last;
    int count = 1;

    Group(AlertNotice notice) {
      this.first = notice;
      this.last = notice;
    }

    AlertMessage.Entry entry() {
      return new AlertMessage.Entry(
          AlertNotice.Status.FIRING, first.alert().kind(), first.alert().task(), count, first.alert().at(), last.alert().at(),
          last.alert().message());
    }
  }

  private static final String FLUSH_TIMER = "flush";

  private final AlertSettings settings;
  private final List<AlertCourier> couriers;
  private final MeterRegistry registry;
  private final TimerScheduler<Command> timers;
  /** Raises waiting for the next flush, or for their alert's interval to end, by alert key. */
  private final Map<String, Group> waiting = new LinkedHashMap<>();
  /** What the next message carries. */
  private final List<AlertMessage.Entry> ready = new ArrayList<>();
  private int freeSlots;
  private long timerSeq;

  private AlertDispatcher(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      AlertSettings settings,
      List<AlertCourier> couriers,
      MeterRegistry registry) {
    super(context);
    this.settings = settings;
    this.couriers = List.copyOf(couriers);
    this.registry = registry;
    this.timers = timers;
    this.freeSlots = settings.rateLimitMessages();
    // every channel's counters exist from the start, so that a rate over them sees the first failure
    for (AlertCourier courier : this.couriers) {
      for (String outcome : List.of(SENT, RETRIED, FAILED)) {
        counter(courier.channel(), outcome);
      }
    }
  }

  public static Behavior<Command> create(AlertSettings settings, List<AlertCourier> couriers, MeterRegistry registry) {
    return Behaviors.setup(
        context -> Behaviors.withTimers(timers -> new AlertDispatcher(context, timers, settings, couriers, registry)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Notify.class, this::onNotify)
        .onMessage(GetBacklog.class, this::onGetBacklog)
        .onMessageEquals(Flush.INSTANCE, this::onFlush)
        .onMessage(IntervalOver.class, this::onIntervalOver)
        .onMessageEquals(SlotFree.INSTANCE, this::onSlotFree)
        .onMessage(Attempted.class, this::onAttempted)
        .onMessage(RetryDue.class, this::onRetryDue)
        .build();
  }

  private Behavior<Command> onNotify(Notify notify) {
    AlertNotice notice = notify.notice();
    String key = notice.key();
    if (notice.resolved()) {
      Group group = waiting.remove(key);
      if (group != null) {
        ready.add(group.entry());
      }
      timers.cancel(intervalTimer(key));
      var alert = notice.alert();
      ready.add(new AlertMessage.Entry(AlertNotice.Status.RESOLVED, alert.kind(), alert.task(), 1, alert.at(), alert.at(), alert.message()));
      armFlush();
      return this;
    }
    Group group = waiting.get(key);
    if (group != null) {
      group.count++;
      group.last = notice;
    } else {
      waiting.put(key, new Group(notice));
    }
    if (!timers.isTimerActive(intervalTimer(key))) {
      armFlush();
    }
    return this;
  }

  private Behavior<Command> onGetBacklog(GetBacklog query) {
    query.replyTo().tell(new Backlog(waiting.size(), ready.size()));
    return this;
  }

  private void armFlush() {
    if (!timers.isTimerActive(FLUSH_TIMER)) {
      timers.startSingleTimer(FLUSH_TIMER, Flush.INSTANCE, settings.groupWait());
    }
  }

  /** Everything waiting whose alert is not inside its interval becomes ready; its interval starts. */
  private Behavior<Command> onFlush() {
    var keys = new ArrayList<>(waiting.keySet());
    for (String key : keys) {
      if (!timers.isTimerActive(intervalTimer(key))) {
        ready.add(waiting.remove(key).entry());
        timers.startSingleTimer(intervalTimer(key), new IntervalOver(key), settings.groupInterval());
      }
    }
    send();
    return this;
  }

  private Behavior<Command> onIntervalOver(IntervalOver over) {
    if (waiting.containsKey(over.key())) {
      armFlush();
    }
    return this;
  }

  private Behavior<Command> onSlotFree() {
    freeSlots++;
    send();
    return this;
  }

  /** Sends everything ready as one message when the rate window has a slot; else the next free slot does. */
  private void send() {
    if (ready.isEmpty() || freeSlots == 0) {
      return;
    }
    var message = new AlertMessage(settings.nodeName(), ready);
    ready.clear();
    freeSlots--;
    timers.startSingleTimer("slot-" + timerSeq++, SlotFree.INSTANCE, settings.rateLimitPer());
    if (couriers.isEmpty()) {
      return;
    }
    getContext().getLog().info("sending alert message '{}' to {}", message.title(), settings.channelNames());
    couriers.forEach(courier -> attempt(new Delivery(courier, message, 1)));
  }

  private void attempt(Delivery delivery) {
    getContext().pipeToSelf(delivery.courier().deliver(delivery.message()), (done, failure) -> new Attempted(delivery, failure));
  }

  private Behavior<Command> onAttempted(Attempted attempted) {
    Delivery delivery = attempted.delivery();
    String channel = delivery.courier().channel();
    if (attempted.failure() == null) {
      counter(channel, SENT).increment();
      return this;
    }
    Throwable cause = attempted.failure();
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    boolean retryable = !(cause instanceof AlertCourier.DeliveryFailure failure) || failure.retryable();
    String reason = cause instanceof AlertCourier.DeliveryFailure ? cause.getMessage() : cause.getClass().getSimpleName();
    if (retryable && delivery.attempt() < settings.retry().attempts()) {
      counter(channel, RETRIED).increment();
      var wait = settings.retry().backoffAfter(delivery.attempt());
      getContext()
          .getLog()
          .warn("alert message to {} failed (attempt {} of {}): {}; retrying in {}", channel, delivery.attempt(),
              settings.retry().attempts(), reason, wait);
      timers.startSingleTimer(
          "retry-" + timerSeq++, new RetryDue(new Delivery(delivery.courier(), delivery.message(), delivery.attempt() + 1)), wait);
    } else {
      counter(channel, FAILED).increment();
      getContext()
          .getLog()
          .error("alert message '{}' could not be delivered to {} after {} attempt(s): {}", delivery.message().title(), channel,
              delivery.attempt(), reason);
    }
    return this;
  }

  private Behavior<Command> onRetryDue(RetryDue due) {
    attempt(due.delivery());
    return this;
  }

  private Counter counter(String channel, String outcome) {
    return Counter.builder(DELIVERED)
        .description("Alert messages by channel and outcome: sent, retried (another attempt follows), failed (given up)")
        .tag(TAG_CHANNEL, channel)
        .tag(TAG_OUTCOME, outcome)
        .register(registry);
  }

  private static String intervalTimer(String key) {
    return "interval-" + key;
  }
}
