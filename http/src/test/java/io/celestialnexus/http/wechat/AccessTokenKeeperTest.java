package io.celestialnexus.http.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.engine.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The access token against a local server speaking WeChat's token API. */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessTokenKeeperTest {

  @JUnit5TestKit public ActorTestKit testKit = ActorTestKit.create();

  private Path dir;

  private final ManualClock clock = new ManualClock();
  private FakeWechatApi wechat;
  private WechatSettings settings;

  @BeforeEach
  void startApi() throws Exception {
    // not a @TempDir: token files are written asynchronously and may land after a test ends
    dir = Files.createTempDirectory("wechat-test");
    wechat = new FakeWechatApi();
    settings = TestWechatSettings.settings(dir, wechat.baseUrl(), "");
  }

  @AfterEach
  void stopApi() {
    wechat.close();
  }

  private ActorRef<AccessTokenKeeper.Command> keeper() {
    var api = new WechatApiClient(settings.api().baseUrl(), settings.api().timeout(), settings.appId(), settings.appSecret());
    return testKit.spawn(AccessTokenKeeper.create(api, clock, settings.api(), new WechatMetrics(new SimpleMeterRegistry())));
  }

  private static String token(ActorRef<AccessTokenKeeper.Command> keeper, TestProbe<StatusReply<String>> probe) {
    keeper.tell(new AccessTokenKeeper.GetToken(probe.getRef()));
    return probe.receiveMessage(Duration.ofSeconds(10)).getValue();
  }

  @Test
  void callersWaitingTogetherShareExactlyOneFetch() {
    var gate = new CountDownLatch(1);
    wechat.holdTokenRequests(gate);
    var keeper = keeper();
    TestProbe<StatusReply<String>> probe = testKit.createTestProbe();
    for (int i = 0; i < 3; i++) {
      keeper.tell(new AccessTokenKeeper.GetToken(probe.getRef()));
    }
    probe.awaitAssert(() -> {
      assertEquals(1, wechat.tokenFetches());
      return null;
    });
    gate.countDown();
    for (int i = 0; i < 3; i++) {
      assertEquals("ACCESS_TOKEN_1", probe.receiveMessage(Duration.ofSeconds(10)).getValue());
    }
    assertEquals(1, wechat.tokenFetches());
  }

  @Test
  void theTokenIsCachedUntilShortlyBeforeItExpires() {
    var keeper = keeper();
    TestProbe<StatusReply<String>> probe = testKit.createTestProbe();
    assertEquals("ACCESS_TOKEN_1", token(keeper, probe));
    clock.advance(Duration.ofSeconds(7200).minus(settings.api().refreshBeforeExpiry()).minusSeconds(1));
    assertEquals("ACCESS_TOKEN_1", token(keeper, probe));
    assertEquals(1, wechat.tokenFetches());
    clock.advance(Duration.ofSeconds(2));
    assertEquals("ACCESS_TOKEN_2", token(keeper, probe));
  }

  @Test
  void aRestartReadsTheKeptTokenInsteadOfFetching() throws Exception {
    Path file = settings.api().tokenFile();
    var first = keeper();
    TestProbe<StatusReply<String>> probe = testKit.createTestProbe();
    assertEquals("ACCESS_TOKEN_1", token(first, probe));
    probe.awaitAssert(() -> {
      assertTrue(Files.exists(file));
      return null;
    });
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    testKit.stop(first);
    assertEquals("ACCESS_TOKEN_1", token(keeper(), probe));
    assertEquals(1, wechat.tokenFetches());
  }

  @Test
  void theKeptTokenIsReadOffTheActorThreadAndRequestsWaitForIt() throws Exception {
    var read = new CountDownLatch(1);
    var readOn = new AtomicReference<String>();
    var api = new WechatApiClient(settings.api().baseUrl(), settings.api().timeout(), settings.appId(), settings.appSecret());
    var kept = new AccessTokenKeeper.StoredToken("KEPT_TOKEN", clock.instant().plus(Duration.ofHours(1)));
    var keeper =
        testKit.spawn(
            AccessTokenKeeper.create(
                api, clock, settings.api(), new WechatMetrics(new SimpleMeterRegistry()),
                () -> {
                  readOn.set(Thread.currentThread().getName());
                  try {
                    read.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return Optional.of(kept);
                }));
    TestProbe<StatusReply<String>> probe = testKit.createTestProbe();
    keeper.tell(new AccessTokenKeeper.GetToken(probe.getRef()));
    // while the file is being read the request waits: it neither fetches nor answers
    probe.expectNoMessage(Duration.ofMillis(200));
    assertEquals(0, wechat.tokenFetches());
    read.countDown();
    assertEquals("KEPT_TOKEN", probe.receiveMessage(Duration.ofSeconds(10)).getValue());
    assertEquals(0, wechat.tokenFetches());
    assertTrue(readOn.get().contains("blocking-io-dispatcher"), readOn.get());
  }

  @Test
  void aRejectedTokenIsReplacedOnceEvenWhenReportedTwice() {
    var keeper = keeper();
    TestProbe<StatusReply<String>> probe = testKit.createTestProbe();
    assertEquals("ACCESS_TOKEN_1", token(keeper, probe));
    keeper.tell(new AccessTokenKeeper.TokenRejected("ACCESS_TOKEN_1", probe.getRef()));
    assertEquals("ACCESS_TOKEN_2", probe.receiveMessage(Duration.ofSeconds(10)).getValue());
    keeper.tell(new AccessTokenKeeper.TokenRejected("ACCESS_TOKEN_1", probe.getRef()));
    assertEquals("ACCESS_TOKEN_2", probe.receiveMessage(Duration.ofSeconds(10)).getValue());
    assertEquals(2, wechat.tokenFetches());
  }

  @Test
  void aFailedFetchIsAnErrorForEveryWaiterAndTheNextRequestTriesAgain() {
    wechat.failTokenRequestsWith(-1);
    var keeper = keeper();
    TestProbe<StatusReply<String>> probe = testKit.createTestProbe();
    keeper.tell(new AccessTokenKeeper.GetToken(probe.getRef()));
    StatusReply<String> failed = probe.receiveMessage(Duration.ofSeconds(10));
    assertTrue(failed.isError());
    assertTrue(failed.getError().getMessage().contains("errcode -1"), failed.getError().getMessage());
    assertFalse(failed.getError().getMessage().contains(FakeWechatApi.APP_SECRET));
    wechat.failTokenRequestsWith(0);
    assertEquals("ACCESS_TOKEN_1", token(keeper, probe));
  }
}
