package io.celestialnexus.engine.task;

import java.time.Clock;
import java.util.Map;

/** What a running step may use: progress heartbeats and the engine's clock. Safe to call from the step's thread. */
public interface TaskContext {

  String taskName();

  /** Reports progress; this is also a heartbeat that keeps the watchdog away during a long step. */
  void progress(Map<String, ?> fields);

  Clock clock();

  /**
   * A context for a step's work run outside the engine (a command, a test): progress goes nowhere, time is the
   * system clock.
   */
  static TaskContext detached(String name) {
    return new TaskContext() {
      @Override
      public String taskName() {
        return name;
      }

      @Override
      public void progress(Map<String, ?> fields) {}

      @Override
      public Clock clock() {
        return Clock.systemUTC();
      }
    };
  }
}
