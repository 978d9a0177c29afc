package io.celestialnexus.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.state.DrawHistory;
import io.celestialnexus.engine.ssq.state.HistoryDrawStore;
import io.celestialnexus.engine.ssq.state.StateSettings;
import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.persistence.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The writes probe on a real H2 journal whose table the test takes away and gives back (an outage of the journal
 * alone, while the database still answers): the component goes DOWN, and comes back UP only once a write to a real
 * entity is confirmed again, not merely once the table is back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WritesProbeH2Test {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private TestDatabase db;
  private ActorTestKit kit;

  @BeforeAll
  void start() throws Exception {
    db = TestDatabase.h2(Files.createTempDirectory("writes-probe")).withSchema();
    kit = ActorTestKit.create("writes-probe", db.actorSystemConfig(""));
  }

  @AfterAll
  void stop() {
    kit.shutdownTestKit();
    db.close();
  }

  @Test
  void writesAreDownWhileTheJournalRefusesThemAndUpOnlyOnceAnEntityConfirmsOneAgain() throws Exception {
    // backoff long enough that the entities are still waiting when the table is back
    var state = new StateSettings(Duration.ofSeconds(2), Duration.ofSeconds(4), 0.0);
    var draws = kit.spawn(DrawHistory.create(DrawHistory.SSQ, state, Clock.systemUTC(), kit.spawn(DrawHistory.topic())));
    var journal = kit.spawn(JournalProbeEntity.create(state));
    var store = new HistoryDrawStore(draws, kit.scheduler(), Duration.ofSeconds(1));
    Duration timeout = Duration.ofMillis(500);
    List<JournalProbe.Check> checks =
        List.of(
            new JournalProbe.Check("journal write", () -> AskPattern.ask(journal, JournalProbeEntity.Probe::new, timeout, kit.scheduler())),
            new JournalProbe.Check("draws", () -> store.draw(0)));
    TestProbe<StatusBoard.Command> board = kit.createTestProbe();
    kit.spawn(JournalProbe.create(checks, Duration.ofMillis(200), timeout, board.getRef(), new SimpleMeterRegistry()));
    awaitWrites(board, true);

    db.execute("ALTER TABLE \"event_journal\" RENAME TO \"event_journal_away\"");
    // a write fails: the entity stops and waits out its backoff, holding what is sent to it meanwhile
    assertTrue(
        store.record(List.of(draw(2026001)), "test", true).toCompletableFuture().handle((ok, failure) -> failure != null).get(10, TimeUnit.SECONDS));
    StatusBoard.ComponentUpdated down = awaitWrites(board, false);
    assertTrue(down.detail().contains("did not answer"), down.detail());

    db.execute("ALTER TABLE \"event_journal_away\" RENAME TO \"event_journal\"");
    awaitWrites(board, true);
    // up means a write is confirmed now, within the probe's own timeout
    DrawHistory.Recorded recorded =
        store.record(List.of(draw(2026002)), "test", true).toCompletableFuture().get(timeout.toMillis() * 4, TimeUnit.MILLISECONDS);
    assertEquals(List.of(draw(2026002)), recorded.added());
  }

  private static Draw draw(int issue) {
    return new Draw(issue, LocalDate.of(2026, 1, 1).plusDays(issue % 100), List.of(1, 2, 3, 4, 5, 6), 7);
  }

  /** The next report of the writes component that says {@code up}, skipping the ones that do not. */
  private static StatusBoard.ComponentUpdated awaitWrites(TestProbe<StatusBoard.Command> board, boolean up) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      var message = board.receiveMessage(PATIENCE);
      if (message instanceof StatusBoard.ComponentUpdated update && update.name().equals(JournalProbe.COMPONENT) && update.up() == up) {
        return update;
      }
    }
    throw new AssertionError("writes never reported " + (up ? "up" : "down"));
  }
}
