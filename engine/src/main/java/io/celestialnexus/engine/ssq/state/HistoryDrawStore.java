package io.celestialnexus.engine.ssq.state;

import io.celestialnexus.engine.ssq.Draw;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/** The {@link DrawStore} of a node: asks its {@link DrawHistory}, waiting at most the engine's ask timeout. */
public final class HistoryDrawStore implements DrawStore {

  private final ActorRef<DrawHistory.Command> history;
  private final Scheduler scheduler;
  private final Duration timeout;

  public HistoryDrawStore(ActorRef<DrawHistory.Command> history, Scheduler scheduler, Duration timeout) {
    this.history = history;
    this.scheduler = scheduler;
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<DrawHistory.Recorded> record(List<Draw> draws, String source, boolean allOrNothing) {
    return AskPattern.ask(
        history, replyTo -> new DrawHistory.RecordDraws(draws, source, allOrNothing, replyTo), timeout, scheduler);
  }

  @Override
  public CompletionStage<DrawHistory.DrawPage> page(int offset, int limit) {
    return AskPattern.ask(history, replyTo -> new DrawHistory.GetPage(offset, limit, replyTo), timeout, scheduler);
  }

  @Override
  public CompletionStage<DrawHistory.DrawLookup> draw(int issue) {
    return AskPattern.ask(history, replyTo -> new DrawHistory.GetDraw(issue, replyTo), timeout, scheduler);
  }
}
