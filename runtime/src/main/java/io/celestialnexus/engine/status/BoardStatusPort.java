package io.celestialnexus.engine.status;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/** The {@link StatusPort} of a node: asks its {@link StatusBoard}, waiting at most the engine's ask timeout. */
public final class BoardStatusPort implements StatusPort {

  private final ActorRef<StatusBoard.Command> board;
  private final Scheduler scheduler;
  private final Duration timeout;

  public BoardStatusPort(ActorRef<StatusBoard.Command> board, Scheduler scheduler, Duration timeout) {
    this.board = board;
    this.scheduler = scheduler;
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<StatusSnapshot> snapshot() {
    return AskPattern.ask(board, StatusBoard.GetStatus::new, timeout, scheduler);
  }
}
