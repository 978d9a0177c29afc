package io.celestialnexus.bridge.device;

import static io.celestialnexus.bridge.device.BridgeFixture.direct;
import static io.celestialnexus.engine.testing.StatusProbes.awaitStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.celestialnexus.bridge.adb.DadbConnector;
import io.celestialnexus.bridge.fake.FakeAdbd;
import io.celestialnexus.bridge.fake.WeChatModel;
import io.celestialnexus.engine.device.DeviceRequestRejected;
import io.celestialnexus.engine.device.DeviceView;
import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.engine.status.TaskState;
import io.celestialnexus.engine.status.TaskStatus;
import io.celestialnexus.engine.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A phone that is gone is retried with the engine's backoff, shows in status as backing off with its next retry,
 * and is driven again once it is back. Backoff delays are ManualTime timers the test moves past; the phone is real
 * TCP, so "gone" is a refused handshake.
 */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceBackoffTest {

  @JUnit5TestKit
  public ActorTestKit testKit = ActorTestKit.create(ManualTime.config().withFallback(ConfigFactory.load()));

  private final ManualTime time = ManualTime.get(testKit.system());
  private final ManualClock clock = new ManualClock();

  private void advance(Duration duration) {
    clock.advance(duration);
    time.timePasses(duration);
  }

  @Test
  void aGonePhoneBacksOffDoublingAndIsDrivenAgainWhenItReturns() throws Exception {
    Path dir = Files.createTempDirectory("bridge-backoff");
    try (FakeAdbd phone = FakeAdbd.start(new WeChatModel().chat("张三"))) {
      phone.goOffline();
      var settings = BridgeFixture.settings(Files.createDirectories(dir.resolve("node")), "[" + direct("phone-1", phone.port()) + "]", "");
      TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
      var manager =
          testKit.spawn(
              DeviceManager.create(settings, new DadbConnector(settings.adb()), new BridgeFixture.RecordingRouter(), board.getRef(), clock,
                  new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
      var directory = new BridgeDirectory(testKit.system(), manager, Duration.ofSeconds(3), Duration.ofSeconds(5));

      // the first failure restarts at once; the second waits min-backoff (100 ms, +/- 20 %)
      TaskStatus second = awaitStatus(board, "device-phone-1", s -> s.state() == TaskState.BACKOFF && s.consecutiveFailures() == 2);
      assertBetween(80, 120, Duration.between(clock.instant(), second.nextRestartAt()));
      assertTrue(second.lastError().message().contains("phone-1"), second.lastError().message());

      DeviceView backingOff = directory.device("phone-1").toCompletableFuture().get(5, TimeUnit.SECONDS).orElseThrow();
      assertEquals(TaskState.BACKOFF, backingOff.state());
      assertEquals(second.nextRestartAt(), backingOff.nextRetryAt());
      assertEquals(2, backingOff.consecutiveFailures());
      ExecutionException refused =
          assertThrows(ExecutionException.class, () -> directory.screenshot("phone-1").toCompletableFuture().get(5, TimeUnit.SECONDS));
      assertEquals(DeviceRequestRejected.Reason.UNAVAILABLE, assertInstanceOf(DeviceRequestRejected.class, refused.getCause()).reason());

      advance(Duration.ofMillis(150));
      TaskStatus third = awaitStatus(board, "device-phone-1", s -> s.state() == TaskState.BACKOFF && s.consecutiveFailures() == 3);
      assertBetween(160, 240, Duration.between(clock.instant(), third.nextRestartAt()));

      phone.comeBack();
      advance(Duration.ofMillis(300));
      awaitStatus(board, "device-phone-1", s -> s.state() == TaskState.RUNNING);
      board.awaitAssert(
          Duration.ofSeconds(10),
          () -> {
            DeviceView back = directory.device("phone-1").toCompletableFuture().get(5, TimeUnit.SECONDS).orElseThrow();
            assertNotNull(back.lastSeen(), "the phone answered a screen read");
            assertEquals("8.0.48", back.wechatVersion());
            return back;
          });
    }
  }

  private static void assertBetween(long minMillis, long maxMillis, Duration actual) {
    assertTrue(
        actual.toMillis() >= minMillis && actual.toMillis() <= maxMillis,
        "expected " + minMillis + ".." + maxMillis + " ms, was " + actual.toMillis() + " ms");
  }
}
