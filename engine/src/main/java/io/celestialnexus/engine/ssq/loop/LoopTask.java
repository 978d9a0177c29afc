package io.celestialnexus.engine.ssq.loop;

import io.celestialnexus.engine.EngineSettings;
import io.celestialnexus.engine.task.Schedule;
import io.celestialnexus.engine.task.Task;
import io.celestialnexus.engine.task.TaskContext;
import io.celestialnexus.engine.task.TaskSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The three tasks that step the shared {@link SsqLoop}: {@code ssq-cycle} (review, predict; every
 * {@code SSQ_CYCLE_INTERVAL_SECONDS} and whenever a draw is added), {@code ssq-tuner} (every 6 h by default, and on
 * demand) and {@code ssq-autorl} (a round at most every {@code AUTORL_MIN_INTERVAL_HOURS}, and on demand). Their
 * timeouts and backoff come from {@code nexus.engine.tasks.<name>} like any task's.
 */
public final class LoopTask implements Task {

  /** How often ssq-autorl checks whether a round is due: a round runs within this long of becoming due. */
  private static final Duration AUTORL_CHECK_AT_MOST = Duration.ofHours(1);
  private static final Duration AUTORL_CHECK_AT_LEAST = Duration.ofMinutes(1);

  @FunctionalInterface
  private interface Step {
    Map<String, Object> run(SsqLoop loop, TaskContext context) throws Exception;
  }

  private final String name;
  private final TaskSettings settings;
  private final SsqLoop loop;
  private final Step step;

  private LoopTask(String name, TaskSettings settings, SsqLoop loop, Step step) {
    this.name = name;
    this.settings = settings;
    this.loop = loop;
    this.step = step;
  }

  /** The three tasks over {@code loop}; a fixed interval of ssq-cycle and ssq-autorl follows the SSQ settings. */
  public static List<Task> all(SsqLoop loop, EngineSettings engine) {
    var ssq = loop.settings();
    Duration autorlCheck = clamp(ssq.autorl().minInterval(), AUTORL_CHECK_AT_LEAST, AUTORL_CHECK_AT_MOST);
    return List.of(
        new LoopTask(SsqLoop.CYCLE_TASK, fixedAt(engine.task(SsqLoop.CYCLE_TASK), ssq.cycle().interval()), loop, SsqLoop::cycle),
        new LoopTask(SsqLoop.TUNER_TASK, engine.task(SsqLoop.TUNER_TASK), loop, SsqLoop::tune),
        new LoopTask(SsqLoop.AUTORL_TASK, fixedAt(engine.task(SsqLoop.AUTORL_TASK), autorlCheck), loop, SsqLoop::autoRl));
  }

  /** The loop a task steps, if it is one of these. */
  public static Optional<SsqLoop> loopOf(Task task) {
    return task instanceof LoopTask loopTask ? Optional.of(loopTask.loop) : Optional.empty();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public TaskSettings settings() {
    return settings;
  }

  @Override
  public Map<String, Object> step(TaskContext context) throws Exception {
    return step.run(loop, context);
  }

  private static TaskSettings fixedAt(TaskSettings settings, Duration interval) {
    return settings.schedule() instanceof Schedule.Fixed ? settings.withSchedule(new Schedule.Fixed(interval)) : settings;
  }

  private static Duration clamp(Duration value, Duration min, Duration max) {
    return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
  }
}
