package io.celestialnexus.engine.chaos;

import io.celestialnexus.engine.task.Task;
import io.celestialnexus.engine.task.TaskContext;
import io.celestialnexus.engine.task.TaskSettings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Wraps a task so that chaos assaults act through the ordinary task contract: an injected exception is
 * thrown by the step, a hang is a step that blocks until interrupted, latency is a slower step. The
 * supervisor sees nothing but what a real failure would look like; there is no special path for chaos.
 */
public final class ChaosTask implements Task {

  private final Task task;
  private final ChaosAssaults assaults;

  public ChaosTask(Task task, ChaosAssaults assaults) {
    this.task = task;
    this.assaults = assaults;
  }

  /** Every task wrapped, in order. */
  public static List<Task> wrapAll(List<Task> tasks, ChaosAssaults assaults) {
    return tasks.stream().<Task>map(task -> new ChaosTask(task, assaults)).toList();
  }

  @Override
  public String name() {
    return task.name();
  }

  @Override
  public boolean alertsOnFailure() {
    return task.alertsOnFailure();
  }

  @Override
  public TaskSettings settings() {
    return task.settings();
  }

  @Override
  public Map<String, Object> step(TaskContext context) throws Exception {
    var assault = assaults.fire(task.name());
    if (assault.isEmpty()) {
      return task.step(context);
    }
    AssaultRecord record = assault.get();
    switch (record.assault()) {
      case EXCEPTION -> throw new ChaosException("chaos assault #" + record.id() + ": injected exception");
      case HANG -> hang(record);
      case LATENCY -> Thread.sleep(record.latencyMillis());
    }
    return task.step(context);
  }

  private void hang(AssaultRecord record) throws InterruptedException {
    long start = System.nanoTime();
    try {
      new CountDownLatch(1).await(); // only an interrupt ends this
    } catch (InterruptedException interrupted) {
      assaults.outcome(record.id(), "hang interrupted after " + (System.nanoTime() - start) / 1_000_000 + " ms");
      throw interrupted;
    }
  }

  /** What an injected exception assault throws. */
  public static final class ChaosException extends RuntimeException {
    public ChaosException(String message) {
      super(message);
    }
  }
}
