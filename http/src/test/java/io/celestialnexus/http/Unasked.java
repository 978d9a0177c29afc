package io.celestialnexus.http;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.state.DrawHistory;
import io.celestialnexus.engine.ssq.state.DrawStore;
import io.celestialnexus.engine.status.StatusPort;
import io.celestialnexus.engine.status.TaskStatus;
import io.celestialnexus.engine.task.LifecycleEvent;
import io.celestialnexus.engine.task.TaskControl;
import io.celestialnexus.engine.task.TaskSupervisor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Engine ports for tests whose requests never reach them: a request that does fails with an AssertionError (500). */
final class Unasked {

  private Unasked() {}

  private static <T> CompletionStage<T> asked(String what) {
    return CompletableFuture.failedFuture(new AssertionError(what + " was asked, but this test never reaches it"));
  }

  static StatusPort status() {
    return () -> asked("the status port");
  }

  static TaskControl tasks() {
    return new TaskControl() {
      @Override
      public CompletionStage<TaskStatus> control(String task, TaskSupervisor.Action action) {
        return asked("task control");
      }

      @Override
      public CompletionStage<List<LifecycleEvent>> timeline(String task, long sinceMillis) {
        return asked("task control");
      }
    };
  }

  static DrawStore draws() {
    return new DrawStore() {
      @Override
      public CompletionStage<DrawHistory.Recorded> record(List<Draw> draws, String source, boolean allOrNothing) {
        return asked("the draw store");
      }

      @Override
      public CompletionStage<DrawHistory.DrawPage> page(int offset, int limit) {
        return asked("the draw store");
      }

      @Override
      public CompletionStage<DrawHistory.DrawLookup> draw(int issue) {
        return asked("the draw store");
      }
    };
  }
}
