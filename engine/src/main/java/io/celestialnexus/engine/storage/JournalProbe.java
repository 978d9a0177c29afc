package io.celestialnexus.engine.storage;

import io.celestialnexus.engine.status.StatusBoard;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The {@code writes} component: whether a write would be confirmed right now. The storage watch only connects to the
 * database; after an outage the entities still sit in their journal backoff (and the journal's circuit breaker may
 * still be open) for many seconds while the database already answers, and every write meanwhile times out. So every
 * {@code interval} this actor runs its checks at once (a real write through {@link JournalProbeEntity}, and a query
 * to each entity, which answers only once it has recovered), each bounded by {@code timeout}, and reports the
 * component up only when all of them answered: {@code /health/ready} stays 503 until writes succeed again.
 *
 * <p>Nothing is reported before the first round answers (a node starting is not ready until its tasks start anyway).
 * Only one round runs at a time; the next starts {@code interval} after the last one answered. Restarted, it checks
 * again at once.
 */
public final class JournalProbe {

  public static final String COMPONENT = "writes";
  /** 1 while the last round of write checks passed, else 0. */
  public static final String WRITES_UP = "nexus.storage.writes.up";

  /** One thing that must answer for writes to be confirmed, e.g. "journal" (a real write) or "draws" (an entity). */
  public record Check(String name, Supplier<CompletionStage<?>> run) {}

  public sealed interface Command {}

  private record Round(List<String> failed) implements Command {}

  private enum Tick implements Command {
    INSTANCE
  }

  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final List<Check> checks;
  private final Duration interval;
  private final Duration timeout;
  private final ActorRef<StatusBoard.Command> board;
  private final AtomicInteger up;

  private JournalProbe(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      List<Check> checks,
      Duration interval,
      Duration timeout,
      ActorRef<StatusBoard.Command> board,
      AtomicInteger up) {
    this.context = context;
    this.timers = timers;
    this.checks = List.copyOf(checks);
    this.interval = interval;
    this.timeout = timeout;
    this.board = board;
    this.up = up;
  }

  public static Behavior<Command> create(
      List<Check> checks, Duration interval, Duration timeout, ActorRef<StatusBoard.Command> board, MeterRegistry registry) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  AtomicInteger up = new AtomicInteger();
                  Gauge.builder(WRITES_UP, up, AtomicInteger::get)
                      .description("1 while writes are confirmed (a probe write and every entity answer in time), else 0")
                      .strongReference(true)
                      .register(registry);
                  var probe = new JournalProbe(context, timers, checks, interval, timeout, board, up);
                  probe.startRound();
                  return probe.probing();
                }));
  }

  private Behavior<Command> probing() {
    return Behaviors.receive(Command.class)
        .onMessage(Round.class, this::onRound)
        .onMessageEquals(Tick.INSTANCE, () -> {
          startRound();
          return Behaviors.same();
        })
        .build();
  }

  private Behavior<Command> onRound(Round round) {
    boolean ok = round.failed().isEmpty();
    up.set(ok ? 1 : 0);
    String detail =
        ok
            ? "writes confirmed (" + String.join(", ", checks.stream().map(Check::name).toList()) + " answered)"
            : "writes not confirmed: " + String.join("; ", round.failed());
    board.tell(new StatusBoard.ComponentUpdated(COMPONENT, ok, detail));
    timers.startSingleTimer(Tick.INSTANCE, interval);
    return Behaviors.same();
  }

  private String why(Throwable failure) {
    Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof java.util.concurrent.TimeoutException
        ? "did not answer within " + timeout.toMillis() + " ms"
        : "failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  private void startRound() {
    List<CompletableFuture<String>> outcomes = new ArrayList<>();
    for (Check check : checks) {
      CompletableFuture<?> outcome;
      try {
        outcome = check.run().get().toCompletableFuture();
      } catch (RuntimeException e) {
        outcome = CompletableFuture.failedFuture(e);
      }
      outcomes.add(
          outcome
              .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .handle((ok, failure) -> failure == null ? null : check.name() + " " + why(failure)));
    }
    CompletableFuture<List<String>> failed =
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
            .thenApply(all -> outcomes.stream().map(CompletableFuture::join).filter(java.util.Objects::nonNull).toList());
    context.pipeToSelf(failed, (list, failure) -> new Round(failure == null ? list : List.of("probe failed: " + failure)));
  }
}
