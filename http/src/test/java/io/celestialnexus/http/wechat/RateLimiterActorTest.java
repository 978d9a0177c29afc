package io.celestialnexus.http.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
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

@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimiterActorTest {

  @JUnit5TestKit
  public ActorTestKit testKit = ActorTestKit.create(ManualTime.config().withFallback(ConfigFactory.load()));

  private final ManualTime time = ManualTime.get(testKit.system());

  private static RateLimiter.Verdict admit(ActorRef<RateLimiterActor.Command> limiter, TestProbe<RateLimiter.Verdict> probe, String user) {
    limiter.tell(new RateLimiterActor.Admit(user, probe.getRef()));
    return probe.receiveMessage();
  }

  @Test
  void overTheLimitOnePoliteReplyThenSilenceUntilTheMinuteEnds() {
    var limiter = testKit.spawn(RateLimiterActor.create(3));
    TestProbe<RateLimiter.Verdict> probe = testKit.createTestProbe();
    for (int i = 0; i < 3; i++) {
      assertEquals(RateLimiter.Verdict.ALLOWED, admit(limiter, probe, "alice"));
    }
    assertEquals(RateLimiter.Verdict.LIMITED_FIRST, admit(limiter, probe, "alice"));
    assertEquals(RateLimiter.Verdict.LIMITED, admit(limiter, probe, "alice"));
    assertEquals(RateLimiter.Verdict.ALLOWED, admit(limiter, probe, "bob"), "limits are per user");
    time.timePasses(Duration.ofSeconds(59));
    assertEquals(RateLimiter.Verdict.LIMITED, admit(limiter, probe, "alice"));
    time.timePasses(Duration.ofSeconds(1));
    assertEquals(RateLimiter.Verdict.ALLOWED, admit(limiter, probe, "alice"), "a new minute starts afresh");
  }
}
