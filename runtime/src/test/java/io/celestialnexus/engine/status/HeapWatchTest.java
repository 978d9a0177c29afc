package io.celestialnexus.engine.status;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeapWatchTest {

  @JUnit5TestKit
  public ActorTestKit testKit = ActorTestKit.create(ManualTime.config().withFallback(ConfigFactory.load()));

  private final ManualTime time = ManualTime.get(testKit.system());
  private static final StatusSettings.HeapSettings SETTINGS = new StatusSettings.HeapSettings(0.9, ofSeconds(30), 3);

  @Test
  void raisesAfterConsecutiveHighReadingsAndResolvesAfterAsManyLowOnes() {
    // one reading per check, in order; time never passes, so only the checks this test sends are taken
    var readings = new ConcurrentLinkedQueue<>(List.of(0.95, 0.95, 0.5, 0.95, 0.95, 0.95, 0.97, 0.99, 0.6, 0.6, 0.6));
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    var watch = testKit.spawn(HeapWatch.create(SETTINGS, readings::remove, board.getRef()));
    for (int i = 0; i < 5; i++) {
      watch.tell(HeapWatch.Check.INSTANCE); // a low reading broke the first run
    }
    board.expectNoMessage(Duration.ofMillis(50));
    watch.tell(HeapWatch.Check.INSTANCE);
    var raised = board.expectMessageClass(StatusBoard.RaiseAlert.class);
    assertEquals(Alert.HEAP_HIGH, raised.kind());
    assertTrue(raised.message().startsWith("95% of the maximum heap"), raised.message());
    for (int i = 0; i < 4; i++) {
      watch.tell(HeapWatch.Check.INSTANCE); // still high, then two low: raised once, not yet resolved
    }
    board.expectNoMessage(Duration.ofMillis(50));
    watch.tell(HeapWatch.Check.INSTANCE);
    assertEquals(Alert.HEAP_HIGH, board.expectMessageClass(StatusBoard.ResolveAlert.class).kind());
    assertTrue(readings.isEmpty());
  }

  @Test
  void checksEveryInterval() {
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    testKit.spawn(HeapWatch.create(SETTINGS, () -> 0.99, board.getRef()));
    // the watch arms its timer when it starts, which may be after a first advance: keep time moving until it raised
    board.awaitAssert(() -> {
      time.timePasses(ofSeconds(30));
      board.expectMessageClass(StatusBoard.RaiseAlert.class, Duration.ofMillis(100));
      return null;
    });
  }

  @Test
  void theLiveShareOfThisJvmIsAShare() {
    System.gc();
    double share = HeapWatch.liveHeapShare();
    assertTrue(share > 0 && share < 1, "live heap share " + share);
  }
}
