package io.celestialnexus.http;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.state.DrawHistory;
import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.engine.status.StatusSnapshot;
import io.celestialnexus.engine.status.TaskStatus;
import io.celestialnexus.engine.task.LifecycleEvent;
import io.celestialnexus.engine.task.TaskSupervisor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/** The edge's only way into the engine: asks with a timeout (a slow engine becomes a 503, not a hang). */
public final class EngineGateway {

  private final ActorSystem<?> system;
  private final ActorRef<StatusBoard.Command> status;
  private final ActorRef<TaskSupervisor.Command> tasks;
  private final ActorRef<DrawHistory.Command> draws;
  private final Duration timeout;

  public EngineGateway(
      ActorSystem<?> system,
      ActorRef<StatusBoard.Command> status,
      ActorRef<TaskSupervisor.Command> tasks,
      ActorRef<DrawHistory.Command> draws,
      Duration timeout) {
    this.system = system;
    this.status = status;
    this.tasks = tasks;
    this.draws = draws;
    this.timeout = timeout;
  }

  public CompletionStage<StatusSnapshot> status() {
    return AskPattern.ask(status, StatusBoard.GetStatus::new, timeout, system.scheduler());
  }

  /** The task's lifecycle events after {@code sinceMillis}; fails with UnknownTaskException for an unknown task. */
  public CompletionStage<List<LifecycleEvent>> timeline(String task, long sinceMillis) {
    return AskPattern.askWithStatus(
        tasks, replyTo -> new TaskSupervisor.GetTimeline(task, sinceMillis, replyTo), timeout, system.scheduler());
  }

  /** Fails with {@code UnknownTaskException} when no such task runs here. */
  public CompletionStage<TaskStatus> control(String task, TaskSupervisor.Action action) {
    return AskPattern.askWithStatus(
        tasks, replyTo -> new TaskSupervisor.Control(task, action, replyTo), timeout, system.scheduler());
  }

  /** Records draws; a conflict with the journal is reported, never applied. */
  public CompletionStage<DrawHistory.Recorded> recordDraws(List<Draw> newDraws, String source, boolean allOrNothing) {
    return AskPattern.ask(
        draws, replyTo -> new DrawHistory.RecordDraws(newDraws, source, allOrNothing, replyTo), timeout, system.scheduler());
  }

  /** A page of the draw history, newest first. */
  public CompletionStage<DrawHistory.DrawPage> draws(int offset, int limit) {
    return AskPattern.ask(draws, replyTo -> new DrawHistory.GetPage(offset, limit, replyTo), timeout, system.scheduler());
  }

  public CompletionStage<DrawHistory.DrawLookup> draw(int issue) {
    return AskPattern.ask(draws, replyTo -> new DrawHistory.GetDraw(issue, replyTo), timeout, system.scheduler());
  }

  /** {@link #recordDraws} as the import recorder, from source "import". */
  public CompletionStage<DrawHistory.Recorded> recordDrawsForImport(List<Draw> newDraws, boolean allOrNothing) {
    return recordDraws(newDraws, "import", allOrNothing);
  }
}
