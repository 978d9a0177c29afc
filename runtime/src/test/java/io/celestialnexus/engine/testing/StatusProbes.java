package io.celestialnexus.engine.testing;

import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.engine.status.TaskStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;

/** Waiting for a status a task supervisor publishes to a probe standing in for the status board. */
public final class StatusProbes {

  private StatusProbes() {}

  /** The first update of {@code task} matching {@code condition}; earlier updates are skipped. */
  public static TaskStatus awaitStatus(
      TestProbe<StatusBoard.Command> board, String task, Predicate<TaskStatus> condition) {
    return awaitStatus(board, task, condition, new HashMap<>());
  }

  /** As above, recording in {@code latest} the last update of every task seen on the way. */
  public static TaskStatus awaitStatus(
      TestProbe<StatusBoard.Command> board,
      String task,
      Predicate<TaskStatus> condition,
      Map<String, TaskStatus> latest) {
    List<StatusBoard.Command> fished =
        board.fishForMessage(
            Duration.ofSeconds(10),
            message -> {
              if (!(message instanceof StatusBoard.TaskUpdated update)) {
                return FishingOutcomes.continueAndIgnore();
              }
              latest.put(update.status().name(), update.status());
              return update.status().name().equals(task) && condition.test(update.status())
                  ? FishingOutcomes.complete()
                  : FishingOutcomes.continueAndIgnore();
            });
    return ((StatusBoard.TaskUpdated) fished.get(fished.size() - 1)).status();
  }

  /** The first alert raised while waiting; status updates are skipped. */
  public static StatusBoard.RaiseAlert awaitAlert(TestProbe<StatusBoard.Command> board) {
    List<StatusBoard.Command> fished =
        board.fishForMessage(
            Duration.ofSeconds(10),
            message ->
                message instanceof StatusBoard.RaiseAlert
                    ? FishingOutcomes.complete()
                    : FishingOutcomes.continueAndIgnore());
    return (StatusBoard.RaiseAlert) fished.get(fished.size() - 1);
  }
}
