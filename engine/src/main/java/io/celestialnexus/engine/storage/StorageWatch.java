package io.celestialnexus.engine.storage;

import static io.celestialnexus.engine.metrics.StateMetricNames.STORAGE_CHECKS;
import static io.celestialnexus.engine.metrics.StateMetricNames.STORAGE_UP;
import static io.celestialnexus.engine.metrics.StateMetricNames.TAG_OUTCOME;

import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.persistence.StorageCheck;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The {@code storage} node: checks the database every {@code interval} (connect, schema present) and reports the
 * {@code storage} component to the status board, so a lost database makes health FAIL and {@code /health/ready}
 * 503, and a database that is back makes them recover by themselves. It never touches the journal itself; the
 * entities ride out the outage with their own backoff.
 *
 * <p>A check is blocking JDBC, so it runs on Pekko's blocking dispatcher and is bounded by {@code timeout}
 * (a check that takes longer counts as down). Only one check runs at a time; the next starts {@code interval}
 * after the last one answered. The actor holds no state worth keeping: restarted, it checks again at once.
 */
public final class StorageWatch {

  public sealed interface Command {}

  private record Checked(StorageCheck.Result result) implements Command {}

  private enum Check implements Command {
    INSTANCE
  }

  public static final String COMPONENT = "storage";
  private static final String TIMER = "check";

  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final Supplier<StorageCheck.Result> check;
  private final Duration interval;
  private final Duration timeout;
  private final ActorRef<StatusBoard.Command> board;
  private final AtomicInteger up;
  private final MeterRegistry registry;
  private final Executor blocking;

  private StorageWatch(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      Supplier<StorageCheck.Result> check,
      Duration interval,
      Duration timeout,
      ActorRef<StatusBoard.Command> board,
      AtomicInteger up,
      MeterRegistry registry) {
    this.context = context;
    this.timers = timers;
    this.check = check;
    this.interval = interval;
    this.timeout = timeout;
    this.board = board;
    this.up = up;
    this.registry = registry;
    this.blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
  }

  /**
   * Reports {@code initial} (what the start-up found) at once, then checks with {@code check} every
   * {@code interval}.
   */
  public static Behavior<Command> create(
      Supplier<StorageCheck.Result> check,
      Duration interval,
      Duration timeout,
      StorageCheck.Result initial,
      ActorRef<StatusBoard.Command> board,
      MeterRegistry registry) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  AtomicInteger up = new AtomicInteger();
                  Gauge.builder(STORAGE_UP, up, AtomicInteger::get)
                      .description("1 while the storage check passes (database reachable, schema present), else 0")
                      .strongReference(true)
                      .register(registry);
                  var watch = new StorageWatch(context, timers, check, interval, timeout, board, up, registry);
                  watch.report(initial);
                  watch.startCheck();
                  return watch.checking();
                }));
  }

  private Behavior<Command> checking() {
    return Behaviors.receive(Command.class)
        .onMessage(Checked.class, this::onChecked)
        .onMessageEquals(Check.INSTANCE, this::onCheck)
        .build();
  }

  private Behavior<Command> onChecked(Checked checked) {
    report(checked.result());
    timers.startSingleTimer(TIMER, Check.INSTANCE, interval);
    return Behaviors.same();
  }

  private Behavior<Command> onCheck() {
    startCheck();
    return Behaviors.same();
  }

  private void startCheck() {
    CompletableFuture<StorageCheck.Result> result =
        CompletableFuture.supplyAsync(check, blocking).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    context.pipeToSelf(
        result,
        (ok, failure) ->
            new Checked(
                failure == null
                    ? ok
                    : new StorageCheck.Result(false, "storage check failed: " + rootMessage(failure, timeout))));
  }

  private void report(StorageCheck.Result result) {
    up.set(result.up() ? 1 : 0);
    Counter.builder(STORAGE_CHECKS)
        .description("Storage checks, by outcome (up or down)")
        .tag(TAG_OUTCOME, result.up() ? "up" : "down")
        .register(registry)
        .increment();
    board.tell(new StatusBoard.ComponentUpdated(COMPONENT, result.up(), result.detail()));
  }

  private static String rootMessage(Throwable failure, Duration timeout) {
    Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof java.util.concurrent.TimeoutException) {
      return "no answer within " + timeout.toMillis() + " ms";
    }
    return String.valueOf(cause.getMessage());
  }
}
