package io.celestialnexus.engine.ssq.state;

import static io.celestialnexus.engine.ssq.state.StateFixtures.SETTINGS;
import static io.celestialnexus.engine.ssq.state.StateFixtures.draw;
import static io.celestialnexus.engine.ssq.state.StateFixtures.draws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.testing.ManualClock;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrawHistoryTest {

  @JUnit5TestKit public ActorTestKit testKit = ActorTestKit.create(EventSourcedBehaviorTestKit.config());

  private TestProbe<Topic.Command<DrawHistory.DrawsAdded>> topic;
  private EventSourcedBehaviorTestKit<DrawHistory.Command, DrawHistory.Event, DrawHistory.State> history;

  @BeforeEach
  void freshHistory() {
    topic = testKit.createTestProbe();
    history =
        EventSourcedBehaviorTestKit.create(
            testKit.system(),
            DrawHistory.create("test", SETTINGS, new ManualClock(Instant.parse("2026-01-01T00:00:00Z")), topic.getRef()),
            EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyState(false));
    history.clear();
  }

  private DrawHistory.Recorded record(List<Draw> draws, boolean allOrNothing) {
    return history.<DrawHistory.Recorded>runCommand(replyTo -> new DrawHistory.RecordDraws(draws, "test", allOrNothing, replyTo)).reply();
  }

  @Test
  void recordsNewDrawsOnceAndTheSameDrawsAgainChangeNothing() {
    var first = history.<DrawHistory.Recorded>runCommand(replyTo -> new DrawHistory.RecordDraws(draws(3), "import", true, replyTo));
    assertEquals(3, first.events().size());
    assertEquals(draws(3), first.reply().added());

    var again = history.<DrawHistory.Recorded>runCommand(replyTo -> new DrawHistory.RecordDraws(draws(3), "import", true, replyTo));
    assertTrue(again.events().isEmpty(), "nothing new is stored");
    assertEquals(List.of(2024001, 2024002, 2024003), again.reply().unchanged());
    assertTrue(again.reply().applied());
    assertEquals(3, again.state().size());
  }

  @Test
  void aDrawThatDiffersFromTheHistoryIsAConflictAndAllOrNothingStoresNone() {
    record(draws(2), true);
    Draw changed = new Draw(2024002, draw(2).date(), List.of(1, 2, 3, 4, 5, 6), 9);
    var refused = history.<DrawHistory.Recorded>runCommand(replyTo -> new DrawHistory.RecordDraws(List.of(draw(3), changed), "import", true, replyTo));
    assertTrue(refused.events().isEmpty());
    assertFalse(refused.reply().applied());
    assertEquals(2024002, refused.reply().conflicts().get(0).issue());
    assertTrue(refused.reply().conflicts().get(0).reason().contains("is recorded as"), refused.reply().conflicts().get(0).reason());

    var partial = record(List.of(draw(3), changed), false);
    assertEquals(List.of(draw(3)), partial.added());
    assertEquals(1, partial.conflicts().size());
    assertEquals(draw(2), history.<DrawHistory.DrawLookup>runCommand(r -> new DrawHistory.GetDraw(2024002, r)).reply().draw().orElseThrow().draw(), "the journal wins");
  }

  @Test
  void newDrawsArePublishedAfterTheyAreStored() {
    record(draws(2), true);
    assertEquals(Topic.publish(new DrawHistory.DrawsAdded(draws(2))), topic.receiveMessage());
    record(draws(2), true);
    topic.expectNoMessage();
  }

  @Test
  void aCorrectionNeedsAReasonAndSurvivesARestart() {
    record(draws(1), true);
    Draw corrected = new Draw(2024001, draw(1).date(), List.of(1, 2, 3, 4, 5, 33), 16);
    var noReason = history.<StatusReply<RecordedDraw>>runCommand(replyTo -> new DrawHistory.CorrectDraw(corrected, " ", replyTo));
    assertTrue(noReason.reply().isError());
    var done = history.<StatusReply<RecordedDraw>>runCommand(replyTo -> new DrawHistory.CorrectDraw(corrected, "official notice 2024-01-02", replyTo));
    assertEquals(corrected, done.reply().getValue().draw());
    assertEquals(new DrawHistory.DrawCorrected(draw(1), corrected, "official notice 2024-01-02", Instant.parse("2026-01-01T00:00:00Z")), done.event());

    history.restart();
    var page = history.<DrawHistory.DrawPage>runCommand(replyTo -> new DrawHistory.GetPage(0, 10, replyTo)).reply();
    assertEquals(corrected, page.draws().get(0).draw());
  }

  @Test
  void pagesAreNewestFirstAndTheHistoryRecoversFromItsSnapshot() {
    record(draws(250), true);
    history.restart();
    var page = history.<DrawHistory.DrawPage>runCommand(replyTo -> new DrawHistory.GetPage(10, 5, replyTo)).reply();
    assertEquals(250, page.total());
    assertEquals(List.of(2024240, 2024239, 2024238, 2024237, 2024236), page.draws().stream().map(d -> d.draw().issue()).toList());
    var all = history.<DrawHistory.AllDraws>runCommand(DrawHistory.GetAll::new).reply();
    assertEquals(draws(250), all.draws());
  }
}
