package io.celestialnexus.engine.ssq.loop;

import io.celestialnexus.engine.EngineSettings;
import io.celestialnexus.engine.task.Schedule;
import io.celestialnexus.engine.task.Task;
import io.celestialnexus.engine.task.TaskContext;
import io.celestialnexus.engine.task.TaskSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The three tasks of the SSQ loop: {@code ssq-cycle} (review, predict; every {@code SSQ_CYCLE_INTERVAL_SECONDS} and
 * whenever a draw is added), {@code ssq-tuner} (every 6 h by default, and on demand) and {@code ssq-autorl} (a round
 * at most every {@code AUTORL_MIN_INTERVAL_HOURS}, and on demand). A step hands its job to the loop's owner and waits
 * for it; the jobs of the three run one at a time. Timeouts and backoff come from {@code nexus.engine.tasks.<name>}
 * like any task's.
 */
final class LoopTask implements Task {

  private final LoopJob job;
  private final TaskSettings settings;
  private final PredictionLoop loop;

  private LoopTask(LoopJob job, TaskSettings settings, PredictionLoop loop) {
    this.job = job;
    this.settings = settings;
    this.loop = loop;
  }

  /** The three tasks; a fixed interval of ssq-cycle and ssq-autorl follows the SSQ settings. */
  static List<Task> all(PredictionLoop loop, EngineSettings engine) {
    var ssq = loop.settings();
    Duration autorlCheck = ssq.loop().autorlCheck(ssq.autorl().minInterval());
    return List.of(
        new LoopTask(LoopJob.CYCLE, fixedAt(engine.task(SsqLoop.CYCLE_TASK), ssq.cycle().interval()), loop),
        new LoopTask(LoopJob.TUNE, engine.task(SsqLoop.TUNER_TASK), loop),
        new LoopTask(LoopJob.AUTORL, fixedAt(engine.task(SsqLoop.AUTORL_TASK), autorlCheck), loop));
  }

  PredictionLoop loop() {
    return loop;
  }

  @Override
  public String name() {
    return job.task();
  }

  @Override
  public TaskSettings settings() {
    return settings;
  }

  @Override
  public Map<String, Object> step(TaskContext context) throws Exception {
    return loop.run(job, context);
  }

  private static TaskSettings fixedAt(TaskSettings settings, Duration interval) {
    return settings.schedule() instanceof Schedule.Fixed ? settings.withSchedule(new Schedule.Fixed(interval)) : settings;
  }
}
