package io.celestialnexus.engine.ssq.loop;

import io.celestialnexus.engine.ssq.SsqSettings;
import io.celestialnexus.engine.support.EngineClock;
import io.celestialnexus.engine.task.StepExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The one owner of the SSQ loop ({@code ssq-loop}): the {@link SsqLoop} and its cache of the journal, the queue of
 * jobs the loop's tasks handed in, the pending AutoRL demand and the newest published {@link LoopView}. Jobs run one
 * at a time on the step pool (never on this actor's thread), so the loop's state has one writer by construction.
 *
 * <p>A task whose job waits its turn does not go silent: every {@code waiting-beat} the owner heartbeats for it
 * (through its step's context), so one long cycle never makes the tuner or AutoRL look STALLED. A job that waited
 * {@code max-queue-wait} without starting is dropped and its task told it was deferred. A waiting step that is
 * interrupted (paused, restarted, stalled) withdraws its job: a queued one is dropped; a running one is interrupted
 * and abandoned, and the loop is built afresh, because the abandoned thread may still be inside the old one.
 *
 * <p>If this actor fails (a bug), its parent restarts it: every job it held fails (their tasks retry) and the loop
 * starts again from the journal.
 */
public final class LoopOwner extends AbstractBehavior<LoopOwner.Command> {

  public sealed interface Command {}

  /** Run a job when the loop is free. */
  record Submit(JobTicket ticket) implements Command {}

  /** The submitting step was interrupted: drop the job, or interrupt it if it runs. */
  record Withdraw(JobTicket ticket) implements Command {}

  /** The newest published view of the loop. */
  public record GetView(ActorRef<LoopView> replyTo) implements Command {}

  /** The next AutoRL job runs a round even if the last one is younger than its minimum interval. */
  public enum DemandAutoRl implements Command {
    INSTANCE
  }

  private record JobEnded(JobTicket ticket) implements Command {}

  /** A view published by the loop of {@code generation} (views of an abandoned loop are ignored). */
  private record Published(int generation, LoopView view) implements Command {}

  private enum BeatWaiting implements Command {
    INSTANCE
  }

  private record Queued(JobTicket ticket, Instant since) {}

  private record Running(JobTicket ticket, FutureTask<Map<String, Object>> work) {}

  private static final String BEAT = "beat";

  private final Function<Consumer<LoopView>, SsqLoop> loops;
  private final SsqSettings.LoopSettings settings;
  private final EngineClock clock;
  private final StepExecutor executor;
  private final Deque<Queued> queue = new ArrayDeque<>();
  private SsqLoop loop;
  private int generation;
  private Running running;
  private boolean autoRlDemanded;
  private LoopView view;

  private LoopOwner(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      Function<Consumer<LoopView>, SsqLoop> loops,
      LoopView initial,
      SsqSettings.LoopSettings settings,
      EngineClock clock) {
    super(context);
    this.loops = loops;
    this.settings = settings;
    this.clock = clock;
    this.executor = StepExecutor.get(context.getSystem());
    this.view = initial;
    this.loop = freshLoop();
    timers.startTimerWithFixedDelay(BEAT, BeatWaiting.INSTANCE, settings.waitingBeat());
  }

  /**
   * @param loops builds a loop that publishes its views to the callback given (the owner builds one at start and
   *     another after abandoning a job)
   * @param initial the view before the loop has read anything
   */
  public static Behavior<Command> create(
      Function<Consumer<LoopView>, SsqLoop> loops, LoopView initial, SsqSettings.LoopSettings settings, EngineClock clock) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> new LoopOwner(context, timers, loops, initial, settings, clock)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Submit.class, this::onSubmit)
        .onMessage(Withdraw.class, this::onWithdraw)
        .onMessage(GetView.class, this::onGetView)
        .onMessageEquals(DemandAutoRl.INSTANCE, this::onDemandAutoRl)
        .onMessage(JobEnded.class, this::onJobEnded)
        .onMessage(Published.class, this::onPublished)
        .onMessageEquals(BeatWaiting.INSTANCE, this::onBeatWaiting)
        .onSignal(PreRestart.class, signal -> failEverything("the loop's owner restarted after a failure"))
        .onSignal(PostStop.class, signal -> failEverything("the loop's owner stopped"))
        .build();
  }

  private Behavior<Command> onSubmit(Submit submit) {
    queue.add(new Queued(submit.ticket(), clock.instant()));
    startNext();
    return this;
  }

  private Behavior<Command> onWithdraw(Withdraw withdraw) {
    JobTicket ticket = withdraw.ticket();
    if (running != null && running.ticket() == ticket) {
      // its JobEnded follows and starts the next job; a job that had just finished needs no new loop
      if (running.work().cancel(true)) {
        getContext().getLog().warn("{} was interrupted while its job ran: job abandoned, the loop starts again from the journal", ticket);
        loop = freshLoop();
      }
    } else if (queue.removeIf(queued -> queued.ticket() == ticket)) {
      ticket.failed(new CancellationException(ticket + " withdrew its job before it started"));
    }
    return this;
  }

  private Behavior<Command> onGetView(GetView query) {
    query.replyTo().tell(view);
    return this;
  }

  private Behavior<Command> onDemandAutoRl() {
    autoRlDemanded = true;
    return this;
  }

  private Behavior<Command> onJobEnded(JobEnded ended) {
    if (running == null || running.ticket() != ended.ticket()) {
      return this;
    }
    JobTicket ticket = running.ticket();
    try {
      ticket.finished(running.work().get());
    } catch (ExecutionException e) {
      ticket.failed(e.getCause());
    } catch (CancellationException e) {
      ticket.failed(new CancellationException(ticket + "'s job was abandoned"));
    } catch (InterruptedException e) {
      throw new IllegalStateException("a finished job cannot block", e);
    }
    running = null;
    startNext();
    return this;
  }

  private Behavior<Command> onPublished(Published published) {
    if (published.generation() == generation) {
      view = published.view();
    }
    return this;
  }

  /** Heartbeats for every waiting job's task; drops the jobs that waited too long. */
  private Behavior<Command> onBeatWaiting() {
    Instant now = clock.instant();
    String busyWith = running == null ? "nothing" : running.ticket().toString();
    for (Iterator<Queued> it = queue.iterator(); it.hasNext(); ) {
      Queued queued = it.next();
      Duration waited = Duration.between(queued.since(), now);
      if (waited.compareTo(settings.maxQueueWait()) >= 0) {
        it.remove();
        queued.ticket().finished(Map.of("deferred", "the loop was busy with " + busyWith + " for " + waited.toSeconds() + " s"));
      } else {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("waitingFor", busyWith);
        fields.put("waitingSeconds", waited.toSeconds());
        queued.ticket().context().progress(fields);
      }
    }
    return this;
  }

  private void startNext() {
    if (running != null || queue.isEmpty()) {
      return;
    }
    JobTicket ticket = queue.poll().ticket();
    boolean demanded = ticket.job() == LoopJob.AUTORL && autoRlDemanded;
    if (ticket.job() == LoopJob.AUTORL) {
      autoRlDemanded = false;
    }
    SsqLoop target = loop;
    ActorRef<Command> self = getContext().getSelf();
    FutureTask<Map<String, Object>> work =
        new FutureTask<>(() -> ticket.job().run(target, ticket.context(), demanded)) {
          @Override
          protected void done() {
            self.tell(new JobEnded(ticket));
          }
        };
    running = new Running(ticket, work);
    executor.start(work);
  }

  private SsqLoop freshLoop() {
    int built = ++generation;
    ActorRef<Command> self = getContext().getSelf();
    return loops.apply(published -> self.tell(new Published(built, published)));
  }

  private Behavior<Command> failEverything(String why) {
    if (running != null) {
      running.work().cancel(true);
      running.ticket().failed(new PredictionService.LoopNotReady(why));
    }
    queue.forEach(queued -> queued.ticket().failed(new PredictionService.LoopNotReady(why)));
    queue.clear();
    running = null;
    return this;
  }
}
