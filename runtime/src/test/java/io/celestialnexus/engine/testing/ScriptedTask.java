package io.celestialnexus.engine.testing;

import io.celestialnexus.engine.task.Task;
import io.celestialnexus.engine.task.TaskContext;
import io.celestialnexus.engine.task.TaskSettings;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A task whose steps do whatever the test scripts; each step knows its 1-based number. */
public final class ScriptedTask implements Task {

  /** One step's behaviour. */
  @FunctionalInterface
  public interface Step {
    Map<String, Object> run(int number, TaskContext context) throws Exception;
  }

  private final String name;
  private final TaskSettings settings;
  private final Step step;
  private final boolean alertsOnFailure;
  private final AtomicInteger steps = new AtomicInteger();

  public ScriptedTask(String name, TaskSettings settings, Step step) {
    this(name, settings, step, false);
  }

  private ScriptedTask(String name, TaskSettings settings, Step step, boolean alertsOnFailure) {
    this.name = name;
    this.settings = settings;
    this.step = step;
    this.alertsOnFailure = alertsOnFailure;
  }

  /** The same task, raising an alert on every failed step. */
  public ScriptedTask alertingOnFailure() {
    return new ScriptedTask(name, settings, step, true);
  }

  @Override
  public boolean alertsOnFailure() {
    return alertsOnFailure;
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
    return step.run(steps.incrementAndGet(), context);
  }

  public int stepsStarted() {
    return steps.get();
  }
}
