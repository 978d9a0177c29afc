package io.celestialnexus.engine.status;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
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
    var share = new AtomicReference<>(0.95);
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    testKit.spawn(HeapWatch.create(SETTINGS, () -> share.get(), board.getRef()));
    time.timePasses(ofSeconds(60));
    share.set(0.5); // one low reading breaks the run
    time.timePasses(ofSeconds(30));
    share.set(0.95);
    time.timePasses(ofSeconds(60));
    board.expectNoMessage(Duration.ofMillis(50));
    time.timePasses(ofSeconds(30));
    var raised = board.expectMessageClass(StatusBoard.RaiseAlert.class);
    assertEquals(Alert.HEAP_HIGH, raised.kind());
    assertTrue(raised.message().startsWith("95% of the maximum heap"), raised.message());
    time.timePasses(ofSeconds(90));
    board.expectNoMessage(Duration.ofMillis(50)); // still high: raised once
    share.set(0.6);
    time.timePasses(ofSeconds(90));
    assertEquals(Alert.HEAP_HIGH, board.expectMessageClass(StatusBoard.ResolveAlert.class).kind());
  }

  @Test
  void theLiveShareOfThisJvmIsAShare() {
    System.gc();
    double share = HeapWatch.liveHeapShare();
    assertTrue(share > 0 && share < 1, "live heap share " + share);
  }
}
