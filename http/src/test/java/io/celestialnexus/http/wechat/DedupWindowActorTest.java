package io.celestialnexus.http.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.celestialnexus.engine.chat.ChatReply;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The dedup window under ManualTime: cached replies, waiting re-deliveries, deferral, expiry and the size bound. */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DedupWindowActorTest {

  private static final Duration WINDOW = Duration.ofSeconds(120);
  private static final ChatReply HELLO = ChatReply.text("hello");

  @JUnit5TestKit
  public ActorTestKit testKit = ActorTestKit.create(ManualTime.config().withFallback(ConfigFactory.load()));

  private final ManualTime time = ManualTime.get(testKit.system());

  private ActorRef<DedupWindowActor.Command> window(int maxEntries) {
    return testKit.spawn(DedupWindowActor.create(WINDOW, maxEntries));
  }

  private static DedupWindow.Claim claim(ActorRef<DedupWindowActor.Command> window, TestProbe<DedupWindow.Claim> probe, String key) {
    window.tell(new DedupWindowActor.Claim(key, probe.getRef()));
    return probe.receiveMessage();
  }

  @Test
  void aReDeliveryGetsTheCachedReply() {
    var window = window(100);
    TestProbe<DedupWindow.Claim> probe = testKit.createTestProbe();
    assertEquals(DedupWindow.Fresh.INSTANCE, claim(window, probe, "msg:1"));
    window.tell(new DedupWindowActor.Complete("msg:1", HELLO));
    assertEquals(new DedupWindow.Answered(HELLO), claim(window, probe, "msg:1"));
  }

  @Test
  void aReDeliveryWhileTheFirstIsInFlightWaitsForTheSameReply() {
    var window = window(100);
    TestProbe<DedupWindow.Claim> first = testKit.createTestProbe();
    TestProbe<DedupWindow.Claim> retry = testKit.createTestProbe();
    assertEquals(DedupWindow.Fresh.INSTANCE, claim(window, first, "msg:2"));
    window.tell(new DedupWindowActor.Claim("msg:2", retry.getRef()));
    retry.expectNoMessage(Duration.ofMillis(50));
    window.tell(new DedupWindowActor.Complete("msg:2", HELLO));
    assertEquals(new DedupWindow.Answered(HELLO), retry.receiveMessage());
  }

  @Test
  void afterADeferralReDeliveriesGetSuccessEvenOnceTheReplyIsKnown() {
    var window = window(100);
    TestProbe<DedupWindow.Claim> probe = testKit.createTestProbe();
    TestProbe<DedupWindow.Claim> waiting = testKit.createTestProbe();
    claim(window, probe, "msg:3");
    window.tell(new DedupWindowActor.Claim("msg:3", waiting.getRef()));
    window.tell(new DedupWindowActor.Defer("msg:3"));
    assertEquals(DedupWindow.Deferred.INSTANCE, waiting.receiveMessage());
    window.tell(new DedupWindowActor.Complete("msg:3", HELLO));
    assertEquals(DedupWindow.Deferred.INSTANCE, claim(window, probe, "msg:3"));
  }

  @Test
  void keysExpireAfterTheWindowAndNotBefore() {
    var window = window(100);
    TestProbe<DedupWindow.Claim> probe = testKit.createTestProbe();
    claim(window, probe, "msg:4");
    window.tell(new DedupWindowActor.Complete("msg:4", HELLO));
    time.timePasses(WINDOW);
    assertEquals(new DedupWindow.Answered(HELLO), claim(window, probe, "msg:4"));
    time.timePasses(Duration.ofSeconds(1));
    assertEquals(DedupWindow.Fresh.INSTANCE, claim(window, probe, "msg:4"));
  }

  @Test
  void aboveMaxEntriesTheOldestKeyIsForgottenFirst() {
    var window = window(2);
    TestProbe<DedupWindow.Claim> probe = testKit.createTestProbe();
    TestProbe<Integer> size = testKit.createTestProbe();
    claim(window, probe, "a");
    claim(window, probe, "b");
    claim(window, probe, "c");
    window.tell(new DedupWindowActor.GetSize(size.getRef()));
    assertEquals(2, size.receiveMessage());
    assertEquals(DedupWindow.Fresh.INSTANCE, claim(window, probe, "a"), "a was the oldest and is gone");
    window.tell(new DedupWindowActor.Complete("c", HELLO));
    assertEquals(new DedupWindow.Answered(HELLO), claim(window, probe, "c"));
  }
}
