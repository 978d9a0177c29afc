package io.celestialnexus.engine.status;

import static io.celestialnexus.engine.metrics.EngineMetricNames.ALERTS;
import static io.celestialnexus.engine.metrics.EngineMetricNames.STATUS_FILE_WRITE_FAILURES;
import static io.celestialnexus.engine.metrics.EngineMetricNames.TAG_KIND;

import io.celestialnexus.engine.EngineSettings;
import io.celestialnexus.engine.support.AtomicFiles;
import io.celestialnexus.engine.supervision.RestartWindow;
import io.celestialnexus.engine.task.TaskState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code status} node: last-known status of every task and component, overall health, and alerts.
 *
 * <p>It mirrors its document to {@code reports/status.json} (atomically, at most every
 * {@code status-file.min-interval} after a lifecycle change and at least every
 * {@code status-file.refresh-interval}), so tools can read status while the HTTP port is down. Alerts
 * (FLAPPING from task keepers, restart storms detected here) are logged at WARN, counted and appended to
 * {@code reports/alerts.json}. Files are written on a single IO thread of its own, in order, so the actor
 * never blocks on the disk. Its state is rebuilt from the keepers' next reports if it restarts.
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

  public record GetStatus(ActorRef<StatusSnapshot> replyTo) implements Command {}

  /** Writes the status file now and replies once it is on disk: the last act of a graceful stop. */
  public record WriteFinal(ActorRef<Done> replyTo) implements Command {}

  private enum Flush implements Command {
    INSTANCE
  }

  private static final Logger FILE_LOG = LoggerFactory.getLogger(StatusBoard.class);
  private static final String FLUSH_TIMER = "flush";
  private static final String REFRESH_TIMER = "refresh";
  private static final int RECENT_ALERTS = 20;

  private final EngineSettings settings;
  private final Clock clock;
  private final TimerScheduler<Command> timers;
  private final MeterRegistry registry;
  private final Counter writeFailures;
  private final StatusSnapshot.NodeInfo node;
  private final Map<String, TaskStatus> tasks = new LinkedHashMap<>();
  private final Map<String, ComponentStatus> components = new LinkedHashMap<>();
  private final AlertLog alerts;
  private final RestartWindow restartStorm;
  private final ExecutorService io;
  private boolean inStorm;

  private StatusBoard(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      EngineSettings settings,
      Clock clock,
      MeterRegistry registry,
      String version) {
    super(context);
    this.settings = settings;
    this.clock = clock;
    this.timers = timers;
    this.registry = registry;
    this.writeFailures =
        Counter.builder(STATUS_FILE_WRITE_FAILURES)
            .description("Failed writes of reports/status.json or reports/alerts.json")
            .register(registry);
    this.node = new StatusSnapshot.NodeInfo(ProcessHandle.current().pid(), version, clock.instant(), 0);
    this.alerts = new AlertLog(settings.paths().alertsFile(), settings.alerts().maxEntries());
    this.restartStorm = new RestartWindow(settings.alerts().stormRestarts(), settings.alerts().stormWindow());
    this.io =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "nexus-status-io");
              thread.setDaemon(true);
              return thread;
            });
    timers.startTimerWithFixedDelay(REFRESH_TIMER, Flush.INSTANCE, settings.statusFile().refreshInterval());
    writeStatusFile();
  }

  public static Behavior<Command> create(
      EngineSettings settings, Clock clock, MeterRegistry registry, String version) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(timers -> new StatusBoard(context, timers, settings, clock, registry, version)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(TasksDeclared.class, this::onTasksDeclared)
        .onMessage(TaskUpdated.class, this::onTaskUpdated)
        .onMessage(ComponentUpdated.class, this::onComponentUpdated)
        .onMessage(RaiseAlert.class, this::onRaiseAlert)
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(WriteFinal.class, this::onWriteFinal)
        .onMessageEquals(Flush.INSTANCE, this::onFlush)
        .onSignal(PostStop.class, signal -> onPostStop())
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
    if (status.lifecycleDiffers(previous)) {
      scheduleFlush();
    }
    return this;
  }

  private void recordRestart() {
    boolean storm = restartStorm.recordRestart(clock.instant());
    if (storm && !inStorm) {
      raise(
          Alert.RESTART_STORM,
          null,
          restartStorm.count() + " restarts across all tasks within " + settings.alerts().stormWindow());
    }
    inStorm = storm;
  }

  private Behavior<Command> onComponentUpdated(ComponentUpdated update) {
    ComponentStatus previous = components.get(update.name());
    if (previous == null || previous.up() != update.up() || !previous.detail().equals(update.detail())) {
      components.put(update.name(), new ComponentStatus(update.name(), update.up(), update.detail(), clock.instant()));
      if (update.up()) {
        getContext().getLog().info("component {} is up: {}", update.name(), update.detail());
      } else {
        getContext().getLog().warn("component {} is DOWN: {}", update.name(), update.detail());
      }
      scheduleFlush();
    }
    return this;
  }

  private Behavior<Command> onRaiseAlert(RaiseAlert alert) {
    raise(alert.kind(), alert.task(), alert.message());
    return this;
  }

  private void raise(String kind, String task, String message) {
    Alert alert = new Alert(clock.instant(), kind, task, message);
    getContext().getLog().warn("ALERT {}{}: {}", kind, task == null ? "" : " task " + task, message);
    Counter.builder(ALERTS).description("Alerts raised, by kind").tag(TAG_KIND, kind).register(registry).increment();
    List<Alert> snapshot = alerts.append(alert);
    io.execute(() -> guarded(settings.paths().alertsFile(), () -> alerts.write(snapshot)));
    scheduleFlush();
  }

  private Behavior<Command> onGetStatus(GetStatus query) {
    query.replyTo().tell(snapshot());
    return this;
  }

  private Behavior<Command> onWriteFinal(WriteFinal command) {
    StatusSnapshot snapshot = snapshot();
    Path file = settings.paths().statusFile();
    CompletableFuture.runAsync(() -> guarded(file, () -> writeJson(file, snapshot)), io)
        .whenComplete((ok, error) -> command.replyTo().tell(Done.getInstance()));
    return this;
  }

  private Behavior<Command> onFlush() {
    writeStatusFile();
    return this;
  }

  private Behavior<Command> onPostStop() {
    io.shutdown();
    try {
      // queued writes complete before the board is gone, so a final status is never cut short
      io.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return this;
  }

  /** Coalesces bursts of changes into one write per min-interval. */
  private void scheduleFlush() {
    if (!timers.isTimerActive(FLUSH_TIMER)) {
      timers.startSingleTimer(FLUSH_TIMER, Flush.INSTANCE, settings.statusFile().minInterval());
    }
  }

  private void writeStatusFile() {
    StatusSnapshot snapshot = snapshot();
    Path file = settings.paths().statusFile();
    io.execute(() -> guarded(file, () -> writeJson(file, snapshot)));
  }

  private StatusSnapshot snapshot() {
    Instant now = clock.instant();
    var reports =
        tasks.values().stream()
            .map(task -> new TaskReport(task, millisSince(task.lastHeartbeat(), now), millisSince(task.runningSince(), now)))
            .toList();
    var componentList = List.copyOf(components.values());
    Health health = Health.of(tasks.values(), componentList);
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

  private static Long millisSince(Instant then, Instant now) {
    return then == null ? null : Math.max(0, Duration.between(then, now).toMillis());
  }

  private static void writeJson(Path file, Object document) throws IOException {
    AtomicFiles.write(file, StatusJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(document));
  }

  private interface FileWrite {
    void run() throws IOException;
  }

  /** Runs on the IO thread: a failed write is logged and counted, and the next one tries again. */
  private void guarded(Path file, FileWrite write) {
    try {
      write.run();
    } catch (IOException | RuntimeException e) {
      writeFailures.increment();
      FILE_LOG.warn("cannot write {}: {}", file, e.toString());
    }
  }
}
