package io.celestialnexus.engine.ssq.loop;

import io.celestialnexus.engine.task.TaskContext;
import java.util.Map;

/** The jobs the loop's tasks hand to its owner, each run by one task. */
enum LoopJob {
  CYCLE(SsqLoop.CYCLE_TASK) {
    @Override
    Map<String, Object> run(SsqLoop loop, TaskContext context, boolean autoRlDemanded) throws InterruptedException {
      return loop.cycle(context);
    }
  },
  TUNE(SsqLoop.TUNER_TASK) {
    @Override
    Map<String, Object> run(SsqLoop loop, TaskContext context, boolean autoRlDemanded) throws InterruptedException {
      return loop.tune(context);
    }
  },
  AUTORL(SsqLoop.AUTORL_TASK) {
    @Override
    Map<String, Object> run(SsqLoop loop, TaskContext context, boolean autoRlDemanded) throws InterruptedException {
      return loop.autoRl(context, autoRlDemanded);
    }
  };

  private final String task;

  LoopJob(String task) {
    this.task = task;
  }

  /** The task that runs this job. */
  String task() {
    return task;
  }

  /** {@code autoRlDemanded}: an operator asked for an AutoRL round regardless of its minimum interval. */
  abstract Map<String, Object> run(SsqLoop loop, TaskContext context, boolean autoRlDemanded) throws InterruptedException;
}
