package io.celestialnexus.engine.task;

import io.celestialnexus.engine.support.EngineClock;
import io.celestialnexus.engine.support.Fields;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Runs one incarnation of a task: starts a step, watches it, waits the scheduled interval, starts the next.
 * Phases: {@code idle} (waiting for the next tick) → {@code stepping} → {@code idle} …, or {@code draining}
 * when asked to stop gracefully.
 *
 * <p>Each step runs on the {@link StepExecutor}, never on this actor's thread, so the actor stays responsive
 * while a step blocks. A watchdog timer (one per step, re-armed for the nearer deadline) fails a step that
 * sends no heartbeat for the heartbeat timeout or overruns the step timeout, measured on the monotonic
 * clock. A failing step makes this actor throw a {@link TaskFailure} after interrupting the step's thread;
 * the step is abandoned, never waited on. The parent {@link TaskKeeper} decides when a fresh runner starts:
 * runners are never restarted in place.
 */
public final class TaskRunner {

  public sealed interface Command {}

  /** Let the current step (if any) finish, then stop. */
  public enum Drain implements Command {
    INSTANCE
  }

  /** Start the next step now instead of at the end of the interval; during a step, right after it. */
  public enum RunNow implements Command {
    INSTANCE
  }

  private enum Tick implements Command {
    INSTANCE
  }

  /** Time to check the running step against its heartbeat timeout and step timeout. */
  private enum WatchdogDue implements Command {
    INSTANCE
  }

  private record Progress(long stepId, Map<String, Object> fields, Instant at, long nanos) implements Command {}

  private record StepSucceeded(long stepId, Map<String, Object> fields) implements Command {}

  private record StepFailed(long stepId, Throwable cause) implements Command {}

  private static final String TICK_TIMER = "tick";
  private static final String WATCHDOG_TIMER = "watchdog";

  private final Task task;
  private final int incarnation;
  private final ActorRef<TaskKeeper.Command> keeper;
  private final StepExecutor executor;
  private final EngineClock clock;
  private final ActorRef<Command> self;
  private final TimerScheduler<Command> timers;

  private long stepId;
  private Future<?> inFlight;
  private long stepStartNanos;
  private Instant stepStartedAt;
  private long lastBeatNanos;
  private boolean runAgainAtOnce;

  private TaskRunner(
      Task task,
      int incarnation,
      ActorRef<TaskKeeper.Command> keeper,
      EngineClock clock,
      ActorContext<Command> context,
      TimerScheduler<Command> timers) {
    this.task = task;
    this.incarnation = incarnation;
    this.keeper = keeper;
    this.executor = StepExecutor.get(context.getSystem());
    this.clock = clock;
    this.self = context.getSelf();
    this.timers = timers;
  }

  /** A runner that starts its first step at once and reports to {@code keeper} as {@code incarnation}. */
  public static Behavior<Command> create(
      Task task, int incarnation, ActorRef<TaskKeeper.Command> keeper, EngineClock clock) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  context.getSelf().tell(Tick.INSTANCE);
                  return new TaskRunner(task, incarnation, keeper, clock, context, timers).idle();
                }));
  }

  private Behavior<Command> idle() {
    return Behaviors.receive(Command.class)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessageEquals(RunNow.INSTANCE, this::onRunNowWhileIdle)
        .onMessageEquals(Drain.INSTANCE, Behaviors::stopped)
        .build();
  }

  private Behavior<Command> stepping() {
    return Behaviors.receive(Command.class)
        .onMessage(Progress.class, this::onProgress)
        .onMessage(StepSucceeded.class, this::onStepSucceeded)
        .onMessage(StepFailed.class, this::onStepFailed)
        .onMessageEquals(WatchdogDue.INSTANCE, this::onWatchdogDue)
        .onMessageEquals(RunNow.INSTANCE, this::onRunNowWhileStepping)
        .onMessageEquals(Drain.INSTANCE, this::draining)
        .onSignal(PostStop.class, signal -> abandonStep())
        .build();
  }

  /** Like stepping, but the step's end (or a deadline) ends the runner instead of scheduling the next. */
  private Behavior<Command> draining() {
    return Behaviors.receive(Command.class)
        .onMessage(Progress.class, this::onProgress)
        .onMessage(StepSucceeded.class, this::onLastStepSucceeded)
        .onMessage(StepFailed.class, this::onLastStepFailed)
        .onMessageEquals(WatchdogDue.INSTANCE, () -> overdue() == null ? Behaviors.same() : Behaviors.stopped())
        .onMessageEquals(Drain.INSTANCE, Behaviors::same)
        .onMessageEquals(RunNow.INSTANCE, Behaviors::same)
        .onSignal(PostStop.class, signal -> abandonStep())
        .build();
  }

  private Behavior<Command> onTick() {
    stepId++;
    long id = stepId;
    StepInvocation step = new StepInvocation(id, new RunnerContext(id));
    stepStartNanos = clock.nanoTime();
    stepStartedAt = clock.instant();
    lastBeatNanos = stepStartNanos;
    // one timer per step covers both deadlines; progress only moves lastBeatNanos, so heartbeats cost no timer work.
    // Armed (and the start reported) before the step runs, so nothing the step does can precede them.
    armWatchdog(min(task.settings().heartbeatTimeout(), task.settings().stepTimeout()));
    if (id == 1) {
      // the keeper needs only the first start (STARTING -> RUNNING); later ones would be traffic for nothing
      keeper.tell(new TaskKeeper.StepStarted(incarnation, stepStartedAt));
    }
    try {
      inFlight = executor.start(step);
    } catch (RejectedExecutionException e) {
      throw new TaskFailure.StepNotStarted(task.name(), e);
    }
    return stepping();
  }

  private Behavior<Command> onRunNowWhileIdle() {
    timers.cancel(TICK_TIMER);
    return onTick();
  }

  /** One more step right after this one; several requests during a step still make one. */
  private Behavior<Command> onRunNowWhileStepping() {
    runAgainAtOnce = true;
    return Behaviors.same();
  }

  private Behavior<Command> onProgress(Progress progress) {
    if (isCurrent(progress.stepId())) {
      lastBeatNanos = Math.max(lastBeatNanos, progress.nanos());
      keeper.tell(new TaskKeeper.Heartbeat(incarnation, progress.fields(), progress.at()));
    }
    return Behaviors.same();
  }

  private Behavior<Command> onStepSucceeded(StepSucceeded done) {
    if (!isCurrent(done.stepId())) {
      return Behaviors.same();
    }
    Duration next = finishStep(done);
    if (next.isZero()) {
      self.tell(Tick.INSTANCE);
    } else {
      timers.startSingleTimer(TICK_TIMER, Tick.INSTANCE, next);
    }
    return idle();
  }

  private Behavior<Command> onLastStepSucceeded(StepSucceeded done) {
    if (!isCurrent(done.stepId())) {
      return Behaviors.same();
    }
    finishStep(done);
    return Behaviors.stopped();
  }

  private Behavior<Command> onLastStepFailed(StepFailed failed) {
    return isCurrent(failed.stepId()) ? Behaviors.stopped() : Behaviors.same();
  }

  /** Reports the finished step and answers the pause before the next one. */
  private Duration finishStep(StepSucceeded done) {
    Duration took = Duration.ofNanos(clock.nanoTime() - stepStartNanos);
    endStep();
    Duration next = runAgainAtOnce ? Duration.ZERO : task.settings().schedule().nextInterval(took);
    runAgainAtOnce = false;
    keeper.tell(
        new TaskKeeper.StepFinished(incarnation, stepId, stepStartedAt, took, done.fields(), next, clock.instant()));
    return next;
  }

  private Behavior<Command> onStepFailed(StepFailed failed) {
    if (!isCurrent(failed.stepId())) {
      return Behaviors.same();
    }
    endStep();
    throw new TaskFailure.StepThrew(task.name(), failed.cause(), stepId, stepStartedAt);
  }

  private Behavior<Command> onWatchdogDue() {
    TaskFailure failure = overdue();
    if (failure != null) {
      abandonStep();
      throw failure;
    }
    return Behaviors.same();
  }

  /**
   * The watchdog's check: the failure if the step overran its step timeout or has been silent for the
   * heartbeat timeout; otherwise null, with the timer re-armed for the nearer of the two deadlines.
   */
  private TaskFailure overdue() {
    if (inFlight == null) {
      return null;
    }
    long now = clock.nanoTime();
    Duration running = Duration.ofNanos(now - stepStartNanos);
    Duration silence = Duration.ofNanos(now - lastBeatNanos);
    TaskSettings settings = task.settings();
    if (running.compareTo(settings.stepTimeout()) >= 0) {
      return new TaskFailure.StepTimedOut(task.name(), settings.stepTimeout(), stepId, stepStartedAt);
    }
    if (silence.compareTo(settings.heartbeatTimeout()) >= 0) {
      return new TaskFailure.HeartbeatStalled(task.name(), silence, stepId, stepStartedAt);
    }
    armWatchdog(min(settings.heartbeatTimeout().minus(silence), settings.stepTimeout().minus(running)));
    return null;
  }

  private void armWatchdog(Duration delay) {
    timers.startSingleTimer(WATCHDOG_TIMER, WatchdogDue.INSTANCE, delay);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private boolean isCurrent(long id) {
    return inFlight != null && id == stepId;
  }

  private void endStep() {
    inFlight = null;
    timers.cancel(WATCHDOG_TIMER);
  }

  /** Interrupts the step's thread and forgets the step; its late result, if any, is never delivered. */
  private Behavior<Command> abandonStep() {
    if (inFlight != null) {
      inFlight.cancel(true);
      inFlight = null;
    }
    return Behaviors.same();
  }

  /** The step itself; reports its outcome to the runner unless the runner cancelled it. */
  private final class StepInvocation extends FutureTask<Map<String, Object>> {
    private final long id;

    StepInvocation(long id, TaskContext stepContext) {
      super(() -> Fields.copyOf(task.step(stepContext)));
      this.id = id;
    }

    @Override
    protected void done() {
      if (isCancelled()) {
        return;
      }
      try {
        self.tell(new StepSucceeded(id, get()));
      } catch (ExecutionException e) {
        self.tell(new StepFailed(id, e.getCause()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** What the step sees; only thread-safe operations (tell, clock). */
  private final class RunnerContext implements TaskContext {
    private final long id;

    RunnerContext(long id) {
      this.id = id;
    }

    @Override
    public String taskName() {
      return task.name();
    }

    @Override
    public void progress(Map<String, ?> fields) {
      self.tell(new Progress(id, Fields.copyOf(fields), clock.instant(), clock.nanoTime()));
    }

    @Override
    public Clock clock() {
      return clock;
    }
  }
}
