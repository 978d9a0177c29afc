package io.celestialnexus.engine.task;

import io.celestialnexus.engine.status.Alert;
import io.celestialnexus.engine.status.ErrorInfo;
import io.celestialnexus.engine.status.ScheduleDecision;
import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.engine.status.TaskState;
import io.celestialnexus.engine.status.TaskStatus;
import io.celestialnexus.engine.supervision.BackoffPolicy;
import io.celestialnexus.engine.supervision.RestartWindow;
import io.celestialnexus.engine.support.EngineClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;

/**
 * The backoff supervisor of one task: it owns the task's supervision state (consecutive failures, restarts,
 * flapping, last error, next restart time) and spawns a fresh {@link TaskRunner} for every incarnation.
 *
 * <p>When the runner fails, the first restart after a healthy run is immediate; later consecutive failures
 * wait per {@link BackoffPolicy}, and the delay and its due time are published to the {@link StatusBoard}.
 * A runner alive for {@code reset-after} resets the failure count. More than {@code flap-limit} restarts
 * inside {@code flap-window} mark the task FLAPPING and raise an alert; it is still retried, every
 * {@code max-backoff}. The keeper itself never fails on a task's behalf; if it fails through a bug of
 * its own, its parent restarts it and the task starts over.
 *
 * <p>Whoever spawns the keeper may pass a listener that is told {@link IncarnationFailed} each time a runner
 * fails, before the restart is scheduled, so it need not infer a death from the status reports. Pauses,
 * operator restarts and drains stop a runner on purpose and are not failures.
 */
public final class TaskKeeper extends AbstractBehavior<TaskKeeper.Command> {

  public sealed interface Command {}

  /** Replace the runner now (a stuck step is interrupted); counts as a restart. */
  public record Restart(ActorRef<StatusReply<TaskStatus>> replyTo) implements Command {}

  /** Stop the runner (interrupting its step) and keep the task PAUSED until resumed. */
  public record Pause(ActorRef<StatusReply<TaskStatus>> replyTo) implements Command {}

  /** Start a paused task again with a clean failure count. */
  public record Resume(ActorRef<StatusReply<TaskStatus>> replyTo) implements Command {}

  /**
   * Run the next step now (after the current one, if a step runs). Refused with {@link TaskActionRefused} while
   * the task is paused, waiting out a backoff or stopping: its state decides when it runs again.
   */
  public record RunNow(ActorRef<StatusReply<TaskStatus>> replyTo) implements Command {}

  /** Let the current step finish (at most {@code timeout}), then stop for good: shutdown. */
  public record Drain(Duration timeout, ActorRef<Done> replyTo) implements Command {}

  /** The first step of an incarnation started. */
  record StepStarted(int incarnation, Instant at) implements Command {}

  record Heartbeat(int incarnation, Map<String, Object> fields, Instant at) implements Command {}

  /** A step finished; {@code stepNumber} counts from 1 within the incarnation. */
  record StepFinished(
      int incarnation,
      long stepNumber,
      Instant startedAt,
      Duration took,
      Map<String, Object> fields,
      Duration nextInterval,
      Instant at)
      implements Command {}

  /** The task's lifecycle events stamped after {@code sinceMillis} (epoch ms), oldest first. */
  public record GetTimeline(long sinceMillis, ActorRef<StatusReply<List<LifecycleEvent>>> replyTo) implements Command {}

  /**
   * Told to the keeper's listener when incarnation {@code incarnation} of {@code task} failed (threw, stalled or
   * stopped unexpectedly): the step it was running is gone.
   */
  public record IncarnationFailed(String task, int incarnation, ErrorInfo error) {}

  private enum RestartDue implements Command {
    INSTANCE
  }

  private enum HealthyPeriodElapsed implements Command {
    INSTANCE
  }

  private enum DrainDeadline implements Command {
    INSTANCE
  }

  private static final String RESTART_TIMER = "restart";
  private static final String HEALTHY_TIMER = "healthy";
  private static final String DRAIN_TIMER = "drain";

  private final Task task;
  private final ActorRef<StatusBoard.Command> board;
  private final ActorRef<IncarnationFailed> failures;
  private final EngineClock clock;
  private final TimerScheduler<Command> timers;
  private final BackoffPolicy policy;
  private final RestartWindow flaps;
  private final TaskMeters meters;
  private final List<ActorRef<Done>> drainWaiters = new ArrayList<>();
  private final Timeline timeline;

  private ActorRef<TaskRunner.Command> runner;
  private int incarnation;
  private TaskState state = TaskState.STARTING;
  private Instant since;
  private boolean started;
  private boolean steppedThisIncarnation;
  private Instant runningSince;
  private Instant lastHeartbeat;
  private Map<String, Object> fields = Map.of();
  private int consecutiveFailures;
  private long totalRestarts;
  private ErrorInfo lastError;
  private Instant nextRestartAt;
  private Long lastStepMillis;
  private Long nextIntervalMillis;
  private long stepsCompleted;
  private boolean flapping;
  private boolean stopping;

  private TaskKeeper(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      Task task,
      ActorRef<StatusBoard.Command> board,
      ActorRef<IncarnationFailed> failures,
      EngineClock clock,
      MeterRegistry registry,
      DoubleSupplier jitter,
      int timelineCapacity) {
    super(context);
    this.timeline = new Timeline(timelineCapacity);
    this.task = task;
    this.board = board;
    this.failures = failures;
    this.clock = clock;
    this.timers = timers;
    var backoff = task.settings().backoff();
    this.policy = new BackoffPolicy(backoff, jitter);
    this.flaps = new RestartWindow(backoff.flapLimit(), backoff.flapWindow());
    this.meters = new TaskMeters(registry, task.name(), clock);
    this.since = clock.instant();
    spawnRunner();
  }

  /**
   * {@code jitter} yields uniform values in [0, 1) for the backoff's random factor; {@code timelineCapacity}
   * bounds the lifecycle events kept. Nobody hears of failed incarnations but the status board.
   */
  public static Behavior<Command> create(
      Task task,
      ActorRef<StatusBoard.Command> board,
      EngineClock clock,
      MeterRegistry registry,
      DoubleSupplier jitter,
      int timelineCapacity) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers ->
                    new TaskKeeper(
                        context, timers, task, board, context.getSystem().ignoreRef(), clock, registry, jitter, timelineCapacity)));
  }

  /** The same, telling {@code failures} of every incarnation that fails. */
  public static Behavior<Command> create(
      Task task,
      ActorRef<StatusBoard.Command> board,
      ActorRef<IncarnationFailed> failures,
      EngineClock clock,
      MeterRegistry registry,
      DoubleSupplier jitter,
      int timelineCapacity) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> new TaskKeeper(context, timers, task, board, failures, clock, registry, jitter, timelineCapacity)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(StepStarted.class, this::onStepStarted)
        .onMessage(Heartbeat.class, this::onHeartbeat)
        .onMessage(StepFinished.class, this::onStepFinished)
        .onMessageEquals(RestartDue.INSTANCE, this::onRestartDue)
        .onMessageEquals(HealthyPeriodElapsed.INSTANCE, this::onHealthyPeriodElapsed)
        .onMessage(Restart.class, this::onRestart)
        .onMessage(Pause.class, this::onPause)
        .onMessage(Resume.class, this::onResume)
        .onMessage(RunNow.class, this::onRunNow)
        .onMessage(Drain.class, this::onDrain)
        .onMessageEquals(DrainDeadline.INSTANCE, this::onDrainDeadline)
        .onMessage(GetTimeline.class, this::onGetTimeline)
        .onSignal(ChildFailed.class, this::onRunnerFailed)
        .onSignal(Terminated.class, this::onRunnerStopped)
        .build();
  }

  private Behavior<Command> onStepStarted(StepStarted message) {
    if (message.incarnation() == incarnation) {
      record(message.at(), LifecycleEvent.Type.STEP_STARTED, null, null);
      started = true;
      steppedThisIncarnation = true;
      if (state == TaskState.STARTING) {
        enter(TaskState.RUNNING);
      }
      publish();
    }
    return this;
  }

  private Behavior<Command> onHeartbeat(Heartbeat beat) {
    if (beat.incarnation() == incarnation) {
      heartbeat(beat.at(), beat.fields());
      publish();
    }
    return this;
  }

  private Behavior<Command> onStepFinished(StepFinished finished) {
    if (finished.incarnation() == incarnation) {
      if (finished.stepNumber() > 1) { // only an incarnation's first start is reported live
        record(finished.startedAt(), LifecycleEvent.Type.STEP_STARTED, null, null);
      }
      record(finished.at(), LifecycleEvent.Type.STEP_FINISHED, finished.took().toMillis(), null);
      heartbeat(finished.at(), finished.fields());
      lastStepMillis = finished.took().toMillis();
      nextIntervalMillis = finished.nextInterval().toMillis();
      stepsCompleted++;
      meters.stepCompleted(finished.took());
      publish();
    }
    return this;
  }

  private Behavior<Command> onRunnerFailed(ChildFailed failed) {
    if (!failed.getRef().equals(runner)) {
      return this;
    }
    runner = null;
    if (stopping) {
      return stopped();
    }
    return onFailure(failed.getCause());
  }

  private Behavior<Command> onRunnerStopped(Terminated terminated) {
    if (!terminated.getRef().equals(runner)) {
      return this;
    }
    runner = null;
    if (stopping) {
      return stopped();
    }
    return onFailure(new IllegalStateException("runner of " + task.name() + " stopped unexpectedly"));
  }

  private Behavior<Command> onFailure(Throwable cause) {
    Instant now = clock.instant();
    timers.cancel(HEALTHY_TIMER);
    consecutiveFailures++;
    lastError = TaskFailure.errorInfo(cause, now);
    meters.failed(lastError.reason());
    recordFailure(cause, now);
    // before a restart can spawn the next incarnation, so the listener hears of this one's end first
    failures.tell(new IncarnationFailed(task.name(), incarnation, lastError));
    if (task.alertsOnFailure()) {
      board.tell(new StatusBoard.RaiseAlert(Alert.TASK_FAILED, task.name(), lastError.message()));
    }
    if (flaps.recordRestart(now) && !flapping) {
      flapping = true;
      board.tell(
          new StatusBoard.RaiseAlert(
              Alert.FLAPPING,
              task.name(),
              "more than " + task.settings().backoff().flapLimit() + " restarts in "
                  + task.settings().backoff().flapWindow() + "; retrying every "
                  + task.settings().backoff().maxBackoff()));
    }
    Duration delay = policy.delayAfter(consecutiveFailures, flapping);
    record(now, LifecycleEvent.Type.RESTART_SCHEDULED, delay.toMillis(), null);
    if (delay.isZero()) {
      restart("after failure"); // before logging, so that the disk never delays a restart
    } else {
      enter(flapping ? TaskState.FLAPPING : cause instanceof TaskFailure.HeartbeatStalled ? TaskState.STALLED : TaskState.BACKOFF);
      nextRestartAt = now.plus(delay);
      timers.startSingleTimer(RESTART_TIMER, RestartDue.INSTANCE, delay);
      publish();
    }
    getContext()
        .getLog()
        .warn(
            "task {} failed ({} in a row): {}: {}; {}",
            task.name(),
            consecutiveFailures,
            lastError.type(),
            lastError.message(),
            delay.isZero() ? "restarted at once (restart #" + totalRestarts + ")" : "restart in " + delay.toMillis() + " ms");
    return this;
  }

  private Behavior<Command> onRestartDue() {
    restart("after backoff");
    getContext().getLog().info("task {} restarted after backoff (restart #{})", task.name(), totalRestarts);
    return this;
  }

  private Behavior<Command> onHealthyPeriodElapsed() {
    consecutiveFailures = 0;
    if (flapping) {
      flapping = false;
      getContext()
          .getLog()
          .info("task {} ran healthy for {}; no longer flapping", task.name(), task.settings().backoff().resetAfter());
      board.tell(
          new StatusBoard.ResolveAlert(
              Alert.FLAPPING, task.name(), task.name() + " ran healthy for " + task.settings().backoff().resetAfter()));
      enter(steppedThisIncarnation ? TaskState.RUNNING : TaskState.STARTING);
    }
    publish();
    return this;
  }

  private Behavior<Command> onRestart(Restart command) {
    if (!stopping) {
      stopRunner();
      restart("by operator");
      getContext().getLog().info("task {} restarted by operator (restart #{})", task.name(), totalRestarts);
    }
    command.replyTo().tell(StatusReply.success(status()));
    return this;
  }

  private Behavior<Command> onPause(Pause command) {
    if (!stopping && state != TaskState.PAUSED) {
      stopRunner();
      timers.cancel(RESTART_TIMER);
      timers.cancel(HEALTHY_TIMER);
      nextRestartAt = null;
      enter(TaskState.PAUSED);
      record(clock.instant(), LifecycleEvent.Type.PAUSED, null, "by operator");
      getContext().getLog().info("task {} paused", task.name());
      publish();
    }
    command.replyTo().tell(StatusReply.success(status()));
    return this;
  }

  private Behavior<Command> onResume(Resume command) {
    if (!stopping && state == TaskState.PAUSED) {
      consecutiveFailures = 0;
      if (flapping) {
        flapping = false;
        board.tell(new StatusBoard.ResolveAlert(Alert.FLAPPING, task.name(), task.name() + " resumed by an operator"));
      }
      record(clock.instant(), LifecycleEvent.Type.RESUMED, null, "by operator");
      getContext().getLog().info("task {} resumed", task.name());
      spawnRunner();
    }
    command.replyTo().tell(StatusReply.success(status()));
    return this;
  }

  private Behavior<Command> onRunNow(RunNow command) {
    if (runner == null || stopping) {
      String why =
          stopping
              ? "it is stopping"
              : state == TaskState.PAUSED
                  ? "it is PAUSED; resume it first"
                  : "it is " + state + (nextRestartAt != null ? " until its restart at " + nextRestartAt : "") + "; restart it to run now";
      command.replyTo().tell(StatusReply.error(new TaskActionRefused("task " + task.name() + " cannot run now: " + why)));
      return this;
    }
    runner.tell(TaskRunner.RunNow.INSTANCE);
    record(clock.instant(), LifecycleEvent.Type.RUN_REQUESTED, null, "on demand");
    command.replyTo().tell(StatusReply.success(status()));
    return this;
  }

  private Behavior<Command> onDrain(Drain drain) {
    drainWaiters.add(drain.replyTo());
    if (stopping) {
      return state == TaskState.STOPPED ? stopped() : this;
    }
    stopping = true;
    timers.cancel(RESTART_TIMER);
    timers.cancel(HEALTHY_TIMER);
    if (runner == null) {
      return stopped();
    }
    runner.tell(TaskRunner.Drain.INSTANCE);
    timers.startSingleTimer(DRAIN_TIMER, DrainDeadline.INSTANCE, drain.timeout());
    return this;
  }

  private Behavior<Command> onDrainDeadline() {
    if (runner != null) {
      getContext().getLog().warn("task {} did not finish its step in time for shutdown; interrupting it", task.name());
      stopRunner();
    }
    return stopped();
  }

  /** Final state after a drain: no runner, no restarts, waiters told. */
  private Behavior<Command> stopped() {
    timers.cancel(DRAIN_TIMER);
    nextRestartAt = null;
    runningSince = null;
    if (state != TaskState.STOPPED) {
      record(clock.instant(), LifecycleEvent.Type.STOPPED, null, "shutdown");
    }
    enter(TaskState.STOPPED);
    publish();
    drainWaiters.forEach(waiter -> waiter.tell(Done.getInstance()));
    drainWaiters.clear();
    return this;
  }

  private void restart(String why) {
    timers.cancel(RESTART_TIMER);
    totalRestarts++;
    meters.restarted();
    spawnRunner();
    record(clock.instant(), LifecycleEvent.Type.RESTARTED, null, why);
  }

  private void spawnRunner() {
    incarnation++;
    steppedThisIncarnation = false;
    nextRestartAt = null;
    runningSince = clock.instant();
    // A failed runner is stopped (silently: this keeper logs the failure) and replaced by a fresh one, so
    // the restart delay is this class's decision and visible in status.
    runner =
        getContext()
            .spawn(
                Behaviors.supervise(TaskRunner.create(task, incarnation, getContext().getSelf(), clock))
                    .onFailure(SupervisorStrategy.stop().withLoggingEnabled(false)),
                "run-" + incarnation);
    getContext().watch(runner);
    timers.startSingleTimer(HEALTHY_TIMER, HealthyPeriodElapsed.INSTANCE, task.settings().backoff().resetAfter());
    enter(flapping ? TaskState.FLAPPING : TaskState.STARTING);
    publish();
  }

  private void stopRunner() {
    if (runner != null) {
      getContext().unwatch(runner);
      getContext().stop(runner); // its PostStop interrupts a running step
      runner = null;
    }
  }

  private Behavior<Command> onGetTimeline(GetTimeline query) {
    query.replyTo().tell(StatusReply.success(timeline.since(query.sinceMillis())));
    return this;
  }

  private void recordFailure(Throwable cause, Instant now) {
    if (cause instanceof TaskFailure failure && failure.stepNumber() > 1 && failure.stepStartedAt() != null) {
      record(failure.stepStartedAt(), LifecycleEvent.Type.STEP_STARTED, null, null);
    }
    if (cause instanceof TaskFailure.HeartbeatStalled stalled) {
      record(now, LifecycleEvent.Type.STALLED, stalled.silence().toMillis(), lastError.message());
    } else {
      record(now, LifecycleEvent.Type.FAILED, null, lastError.type() + ": " + lastError.message());
    }
  }

  private void record(Instant at, LifecycleEvent.Type type, Long durationMillis, String detail) {
    timeline.record(at.toEpochMilli(), type, durationMillis, detail);
  }

  private void heartbeat(Instant at, Map<String, Object> newFields) {
    lastHeartbeat = at;
    fields = newFields;
    meters.heartbeat(at.toEpochMilli());
  }

  private void enter(TaskState newState) {
    if (state != newState) {
      state = newState;
      since = clock.instant();
    }
  }

  private void publish() {
    meters.state(state);
    meters.consecutiveFailures(consecutiveFailures);
    board.tell(new StatusBoard.TaskUpdated(status()));
  }

  private TaskStatus status() {
    return new TaskStatus(
        task.name(),
        state,
        since,
        started,
        runner == null ? null : runningSince,
        lastHeartbeat,
        fields,
        consecutiveFailures,
        totalRestarts,
        lastError,
        nextRestartAt,
        new ScheduleDecision(task.settings().schedule() instanceof Schedule.Adaptive, lastStepMillis, nextIntervalMillis),
        stepsCompleted);
  }
}
