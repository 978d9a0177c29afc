package io.celestialnexus.engine.ssq.state;

import io.celestialnexus.engine.ssq.Draw;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Records the history shipped in the jar into {@link DrawHistory} when the node starts, then stops. Draws the
 * journal already holds stay as they are (a corrected draw is never overwritten), so every start after the
 * first only adds what a newer jar brings. While the journal is down the ask fails, and it tries again after the
 * entity's longest backoff, until the draws are stored.
 */
public final class BundledHistoryImport {

  public sealed interface Command {}

  private record Done(DrawHistory.Recorded recorded) implements Command {}

  private record Failed(Throwable cause) implements Command {}

  private enum Retry implements Command {
    INSTANCE
  }

  private BundledHistoryImport() {}

  public static Behavior<Command> create(
      ActorRef<DrawHistory.Command> draws, List<Draw> bundled, StateSettings settings, MeterRegistry registry) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  ask(context, draws, bundled, settings.askTimeout());
                  return Behaviors.receive(Command.class)
                      .onMessage(
                          Done.class,
                          done -> {
                            DrawHistory.Recorded recorded = done.recorded();
                            HistoryImport.countRecorded(registry, "bundled", recorded.added().size());
                            context.getLog().info(
                                "bundled history: {} draws added, {} already recorded, {} differ from the journal (journal kept)",
                                recorded.added().size(), recorded.unchanged().size(), recorded.conflicts().size());
                            return Behaviors.stopped();
                          })
                      .onMessage(
                          Failed.class,
                          failed -> {
                            context.getLog().warn(
                                "bundled history not recorded yet ({}); retrying in {}", failed.cause().toString(), settings.maxBackoff());
                            timers.startSingleTimer(Retry.INSTANCE, settings.maxBackoff());
                            return Behaviors.same();
                          })
                      .onMessageEquals(
                          Retry.INSTANCE,
                          () -> {
                            ask(context, draws, bundled, settings.askTimeout());
                            return Behaviors.same();
                          })
                      .build();
                }));
  }

  private static void ask(ActorContext<Command> context, ActorRef<DrawHistory.Command> draws, List<Draw> bundled, Duration timeout) {
    context.ask(
        DrawHistory.Recorded.class,
        draws,
        timeout,
        replyTo -> new DrawHistory.RecordDraws(bundled, "bundled", false, replyTo),
        (recorded, failure) -> failure == null ? new Done(recorded) : new Failed(failure));
  }
}
