package io.celestialnexus.engine.status;

import static io.celestialnexus.engine.status.StatusMetricNames.ALERTS;
import static io.celestialnexus.engine.status.StatusMetricNames.STATUS_FILE_WRITE_FAILURES;
import static io.celestialnexus.engine.status.StatusMetricNames.TAG_KIND;

import io.celestialnexus.engine.supervision.RestartWindow;
import io.celestialnexus.engine.support.AtomicFiles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The {@code status} node: last-known status of every task and component, overall health, and alerts.
 *
 * <p>It mirrors its document to {@code reports/status.json} (atomically, at most every
 * {@code status-file.min-interval} after a lifecycle change and at least every
 * {@code status-file.refresh-interval}), so tools can read status while the HTTP port is down. Alerts
 * (FLAPPING from task keepers, restart storms detected here) are logged at WARN, counted and kept in
 * {@code reports/alerts.json}, which is read back at start. Besides the alerts others raise, the board raises
 * RESTART_STORM, COMPONENT_DOWN (a component reported down) and TASK_DOWN / PHONE_OFFLINE (a task failing for longer
 * than {@code task-down-after}), and resolves what it can see clear: the storm passing, the component up again, the
 * task running again, a TASK_FAILED task completing a step, FLAPPING when its keeper says so ({@link ResolveAlert}).
 * Every raised and resolved alert goes to the {@link AlertOutlet} (delivery to people); a resolution is sent only for
 * an alert this incarnation raised.
 *
 * <p>The board owns no thread: files are read and written on Pekko's blocking dispatcher and the results come back
 * as messages, one write at a time, each with the newest content (so a slow disk coalesces writes instead of
 * queueing them). Until {@code alerts.json} has been read back, status queries wait and {@code alerts.json} is not
 * written, so an alert raised meanwhile is added to the kept ones, never written over them.
 *
 * <p>On failure it is restarted by its parent: its state is rebuilt from the keepers' next reports and the
 * alerts file; a write still running for the previous incarnation finishes on its own (writes are atomic).
 */
public final class StatusBoard extends AbstractBehavior<StatusBoard.Command> {

  public sealed interface Command {}

  /** The tasks this node runs; until each reports, it shows as STARTING and the node is not ready. */
  public record TasksDeclared(List<String> names) implements Command {}

  /** A task's supervisor reports its latest status. */
  public record TaskUpdated(TaskStatus status) implements Command {}

  /** A component (storage, a listener) went up or down. */
  public record ComponentUpdated(String name, boolean up, String detail) implements Command {}

  /** Raise an operator alert ({@link Alert#FLAPPING}, ...). */
  public record RaiseAlert(String kind, String task, String message) implements Command {}

  /** The condition behind an alert raised earlier cleared; ignored when no such alert is open. */
  public record ResolveAlert(String kind, String task, String message) implements Command {}

  public record GetStatus(ActorRef<StatusSnapshot> replyTo) implements Command {}

  /**
   * Writes the status file now and replies once it is on disk, with every write that was due (alerts): the last act
   * of a graceful stop. Every component (storage, the listeners) is then reported down with {@link #STOPPED_DETAIL}
   * and stays so: the file a stopped node leaves behind says nothing is up.
   */
  public record WriteFinal(ActorRef<Done> replyTo) implements Command {}

  private enum Flush implements Command {
    INSTANCE
  }

  /** What {@code alerts.json} held at start. */
  private record AlertsRead(List<Alert> alerts) implements Command {}

  /** A write of {@code report} ended ({@code failure} null when it succeeded); {@code waiters} asked for it. */
  private record Written(Report report, Throwable failure, List<ActorRef<Done>> waiters) implements Command {}

  private enum Report {
    STATUS,
    ALERTS
  }

  private static final String FLUSH_TIMER = "flush";
  private static final String REFRESH_TIMER = "refresh";
  private static final int RECENT_ALERTS = 20;
  /** A component's detail in the final status of a graceful stop. */
  public static final String STOPPED_DETAIL = "stopped: the node shut down";

  private final StatusSettings settings;
  private final Clock clock;
  private final TimerScheduler<Command> timers;
  private final MeterRegistry registry;
  private final Executor io;
  private final Counter writeFailures;
  private final StatusSnapshot.NodeInfo node;
  private final Map<String, TaskStatus> tasks = new LinkedHashMap<>();
  private final Map<String, ComponentStatus> components = new LinkedHashMap<>();
  private final AlertLog alerts;
  private final RestartWindow restartStorm;
  private final AlertOutlet outlet;
  /** Keys ({@link AlertNotice#key()}) of the alerts raised and not yet resolved. */
  private final Set<String> openAlerts = new HashSet<>();
  /** Since when each failing task has been failing (not RUNNING, PAUSED or STOPPED since). */
  private final Map<String, Instant> failingSince = new HashMap<>();
  private final EnumSet<Report> due = EnumSet.noneOf(Report.class);
  private final List<ActorRef<Done>> finalWaiters = new ArrayList<>();
  /** Asked for a final write that is done; told once no other write runs or is due. */
  private final List<ActorRef<Done>> flushed = new ArrayList<>();
  private final List<ActorRef<StatusSnapshot>> waitingForAlerts = new ArrayList<>();
  private boolean alertsRead;
  private boolean writing;
  private boolean inStorm;
  /** Set by {@link WriteFinal}: the node is stopping, its components are stopped with it. */
  private boolean stopped;

  private StatusBoard(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      StatusSettings settings,
      Clock clock,
      MeterRegistry registry,
      String version,
      Executor io,
      AlertOutlet outlet) {
    super(context);
    this.outlet = outlet;
    this.settings = settings;
    this.clock = clock;
    this.timers = timers;
    this.registry = registry;
    this.io = io;
    this.writeFailures =
        Counter.builder(STATUS_FILE_WRITE_FAILURES)
            .description("Failed writes of reports/status.json or reports/alerts.json")
            .register(registry);
    this.node = new StatusSnapshot.NodeInfo(ProcessHandle.current().pid(), version, clock.instant(), 0);
    this.alerts = new AlertLog(settings.maxAlerts());
    this.restartStorm = new RestartWindow(settings.stormRestarts(), settings.stormWindow());
    Path alertsFile = settings.alertsFile();
    context.pipeToSelf(
        CompletableFuture.supplyAsync(() -> AlertLog.read(alertsFile), io),
        (read, failure) -> new AlertsRead(failure == null ? read : List.of()));
    timers.startTimerWithFixedDelay(REFRESH_TIMER, Flush.INSTANCE, settings.refreshInterval());
    requestWrite(Report.STATUS);
  }

  /** A board whose files are read and written on the actor system's blocking dispatcher; alerts reach no one. */
  public static Behavior<Command> create(StatusSettings settings, Clock clock, MeterRegistry registry, String version) {
    return create(settings, AlertOutlet.NONE, clock, registry, version);
  }

  /** A board whose files are read and written on the actor system's blocking dispatcher; alerts go to {@code outlet}. */
  public static Behavior<Command> create(
      StatusSettings settings, AlertOutlet outlet, Clock clock, MeterRegistry registry, String version) {
    return Behaviors.setup(
        context -> {
          Executor blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
          return Behaviors.withTimers(
              timers -> new StatusBoard(context, timers, settings, clock, registry, version, blocking, outlet));
        });
  }

  /** A board whose file reads and writes run on {@code io} (tests hold them back or count them). */
  static Behavior<Command> create(StatusSettings settings, Clock clock, MeterRegistry registry, String version, Executor io) {
    return create(settings, clock, registry, version, io, AlertOutlet.NONE);
  }

  static Behavior<Command> create(
      StatusSettings settings, Clock clock, MeterRegistry registry, String version, Executor io, AlertOutlet outlet) {
    return Behaviors.setup(
        context -> Behaviors.withTimers(timers -> new StatusBoard(context, timers, settings, clock, registry, version, io, outlet)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(TasksDeclared.class, this::onTasksDeclared)
        .onMessage(TaskUpdated.class, this::onTaskUpdated)
        .onMessage(ComponentUpdated.class, this::onComponentUpdated)
        .onMessage(RaiseAlert.class, this::onRaiseAlert)
        .onMessage(ResolveAlert.class, this::onResolveAlert)
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(WriteFinal.class, this::onWriteFinal)
        .onMessageEquals(Flush.INSTANCE, this::onFlush)
        .onMessage(AlertsRead.class, this::onAlertsRead)
        .onMessage(Written.class, this::onWritten)
        .build();
  }

  private Behavior<Command> onTasksDeclared(TasksDeclared declared) {
    Instant now = clock.instant();
    for (String name : declared.names()) {
      tasks.putIfAbsent(
          name,
          new TaskStatus(
              name, TaskState.STARTING, now, false, null, null, Map.of(), 0, 0, null, null,
              ScheduleDecision.none(false), 0));
    }
    scheduleFlush();
    return this;
  }

  private Behavior<Command> onTaskUpdated(TaskUpdated update) {
    TaskStatus status = update.status();
    TaskStatus previous = tasks.put(status.name(), status);
    long newRestarts = status.totalRestarts() - (previous == null ? 0 : previous.totalRestarts());
    for (long i = 0; i < newRestarts; i++) {
      recordRestart();
    }
    if (previous != null && status.stepsCompleted() > previous.stepsCompleted()) {
      resolve(Alert.TASK_FAILED, status.name(), "a step of " + status.name() + " completed again");
    }
    trackFailing(status);
    if (status.lifecycleDiffers(previous)) {
      scheduleFlush();
    }
    return this;
  }

  private void recordRestart() {
    boolean storm = restartStorm.recordRestart(clock.instant());
    if (storm && !inStorm) {
      raise(Alert.RESTART_STORM, null, restartStorm.count() + " restarts across all tasks within " + settings.stormWindow());
    } else if (!storm && inStorm) {
      resolve(Alert.RESTART_STORM, null, "restarts are back under " + settings.stormRestarts() + " in " + settings.stormWindow());
    }
    inStorm = storm;
  }

  /**
   * Failing is entered by BACKOFF, STALLED or FLAPPING and left only by RUNNING, PAUSED or STOPPED: a task that keeps
   * failing at once passes through STARTING between attempts, which must not restart its clock.
   */
  private void trackFailing(TaskStatus status) {
    switch (status.state()) {
      case BACKOFF, STALLED, FLAPPING -> failingSince.putIfAbsent(status.name(), clock.instant());
      case RUNNING, PAUSED, STOPPED -> {
        if (failingSince.remove(status.name()) != null) {
          resolve(downKind(status.name()), status.name(), status.name() + " is " + status.state() + " again");
        }
      }
      default -> {}
    }
    checkFailing();
  }

  /** Raises TASK_DOWN (PHONE_OFFLINE) for each task failing for longer than {@code task-down-after}, once. */
  private void checkFailing() {
    if (settings.taskDownAfter().isZero()) {
      return;
    }
    Instant now = clock.instant();
    failingSince.forEach(
        (name, since) -> {
          String kind = downKind(name);
          if (!openAlerts.contains(AlertNotice.key(kind, name)) && !now.isBefore(since.plus(settings.taskDownAfter()))) {
            TaskStatus task = tasks.get(name);
            String why = task == null || task.lastError() == null ? "" : ": " + task.lastError().message();
            raise(kind, name, name + " has been failing since " + since + why);
          }
        });
  }

  private static String downKind(String task) {
    return task.startsWith(Alert.PHONE_TASK_PREFIX) ? Alert.PHONE_OFFLINE : Alert.TASK_DOWN;
  }

  private Behavior<Command> onComponentUpdated(ComponentUpdated update) {
    if (stopped) {
      // a check still running while the node stops must not report a stopped component up again
      return this;
    }
    ComponentStatus previous = components.get(update.name());
    if (previous == null || previous.up() != update.up() || !previous.detail().equals(update.detail())) {
      components.put(update.name(), new ComponentStatus(update.name(), update.up(), update.detail(), clock.instant()));
      if (update.up()) {
        getContext().getLog().info("component {} is up: {}", update.name(), update.detail());
        resolve(Alert.COMPONENT_DOWN, update.name(), update.name() + " is up again: " + update.detail());
      } else {
        getContext().getLog().warn("component {} is DOWN: {}", update.name(), update.detail());
        if (previous == null || previous.up()) {
          raise(Alert.COMPONENT_DOWN, update.name(), update.name() + " is DOWN: " + update.detail());
        }
      }
      scheduleFlush();
    }
    return this;
  }

  private Behavior<Command> onRaiseAlert(RaiseAlert alert) {
    raise(alert.kind(), alert.task(), alert.message());
    return this;
  }

  private Behavior<Command> onResolveAlert(ResolveAlert resolved) {
    resolve(resolved.kind(), resolved.task(), resolved.message());
    return this;
  }

  private void raise(String kind, String task, String message) {
    getContext().getLog().warn("ALERT {}{}: {}", kind, task == null ? "" : " task " + task, message);
    Counter.builder(ALERTS).description("Alerts raised, by kind").tag(TAG_KIND, kind).register(registry).increment();
    Alert alert = new Alert(clock.instant(), kind, task, message);
    alerts.append(alert);
    openAlerts.add(AlertNotice.key(kind, task));
    outlet.publish(new AlertNotice(AlertNotice.Status.FIRING, alert));
    requestWrite(Report.ALERTS);
    scheduleFlush();
  }

  /** Sends the resolution of an open alert; nothing when none is open under that key. */
  private void resolve(String kind, String task, String message) {
    if (openAlerts.remove(AlertNotice.key(kind, task))) {
      getContext().getLog().info("RESOLVED {}{}: {}", kind, task == null ? "" : " task " + task, message);
      outlet.publish(new AlertNotice(AlertNotice.Status.RESOLVED, new Alert(clock.instant(), kind, task, message)));
    }
  }

  private Behavior<Command> onGetStatus(GetStatus query) {
    if (alertsRead) {
      query.replyTo().tell(snapshot());
    } else {
      waitingForAlerts.add(query.replyTo());
    }
    return this;
  }

  private Behavior<Command> onWriteFinal(WriteFinal command) {
    if (!stopped) {
      stopped = true;
      Instant now = clock.instant();
      components.replaceAll((name, component) -> new ComponentStatus(name, false, STOPPED_DETAIL, now));
    }
    finalWaiters.add(command.replyTo());
    requestWrite(Report.STATUS);
    return this;
  }

  private Behavior<Command> onFlush() {
    checkFailing();
    // a storm also passes when restarts simply stop, with no next restart to notice it
    if (inStorm && !restartStorm.exceeded(clock.instant())) {
      inStorm = false;
      resolve(Alert.RESTART_STORM, null, "restarts are back under " + settings.stormRestarts() + " in " + settings.stormWindow());
    }
    requestWrite(Report.STATUS);
    return this;
  }

  private Behavior<Command> onAlertsRead(AlertsRead read) {
    alerts.restore(read.alerts());
    alertsRead = true;
    waitingForAlerts.forEach(replyTo -> replyTo.tell(snapshot()));
    waitingForAlerts.clear();
    if (!read.alerts().isEmpty()) {
      scheduleFlush();
    }
    writeNext();
    return this;
  }

  private Behavior<Command> onWritten(Written written) {
    writing = false;
    if (written.failure() != null) {
      writeFailures.increment();
      Path file = written.report() == Report.STATUS ? settings.statusFile() : settings.alertsFile();
      getContext().getLog().warn("cannot write {}: {}", file, rootCause(written.failure()).toString());
    }
    flushed.addAll(written.waiters());
    writeNext();
    if (!writing) {
      flushed.forEach(waiter -> waiter.tell(Done.getInstance()));
      flushed.clear();
    }
    return this;
  }

  /** Coalesces bursts of changes into one write per min-interval. */
  private void scheduleFlush() {
    if (!timers.isTimerActive(FLUSH_TIMER)) {
      timers.startSingleTimer(FLUSH_TIMER, Flush.INSTANCE, settings.minInterval());
    }
  }

  private void requestWrite(Report report) {
    due.add(report);
    writeNext();
  }

  /**
   * Starts the next due write unless one runs: the status file first, the alerts file once it has been read back.
   * The content is taken now, so a write that had to wait carries the newest state.
   */
  private void writeNext() {
    if (writing) {
      return;
    }
    if (due.remove(Report.STATUS)) {
      List<ActorRef<Done>> waiters = List.copyOf(finalWaiters);
      finalWaiters.clear();
      write(Report.STATUS, settings.statusFile(), snapshot(), waiters);
    } else if (alertsRead && due.remove(Report.ALERTS)) {
      write(Report.ALERTS, settings.alertsFile(), alerts.all(), List.of());
    }
  }

  private void write(Report report, Path file, Object document, List<ActorRef<Done>> waiters) {
    writing = true;
    getContext()
        .pipeToSelf(
            CompletableFuture.runAsync(() -> writeJson(file, document), io),
            (done, failure) -> new Written(report, failure, waiters));
  }

  private StatusSnapshot snapshot() {
    Instant now = clock.instant();
    var reports =
        tasks.values().stream()
            .map(task -> new TaskReport(task, millisSince(task.lastHeartbeat(), now), millisSince(task.runningSince(), now)))
            .toList();
    var componentList = List.copyOf(components.values());
    // once stopped, the components are down with the tasks: the verdict is the tasks' (STOPPED: WARN), not a storage outage
    Health health = Health.of(tasks.values(), stopped ? List.of() : componentList);
    boolean ready =
        tasks.values().stream().allMatch(TaskStatus::started) && componentList.stream().allMatch(ComponentStatus::up);
    return new StatusSnapshot(
        now,
        new StatusSnapshot.NodeInfo(node.pid(), node.version(), node.startedAt(), millisSince(node.startedAt(), now)),
        health,
        health.exitCode(),
        ready,
        componentList,
        reports,
        alerts.recent(RECENT_ALERTS));
  }

  /** What the write threw, without the future's and our unchecked wrappers. */
  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof UncheckedIOException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static Long millisSince(Instant then, Instant now) {
    return then == null ? null : Math.max(0, Duration.between(then, now).toMillis());
  }

  /** Runs on the blocking dispatcher; {@code document} is immutable. */
  private static void writeJson(Path file, Object document) {
    try {
      AtomicFiles.write(file, StatusJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(document));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
