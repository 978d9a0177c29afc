package io.celestialnexus.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.persistence.StorageCheck;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
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
class StorageWatchTest {

  private static final Duration INTERVAL = Duration.ofSeconds(5);

  @JUnit5TestKit public ActorTestKit testKit = ActorTestKit.create(ManualTime.config());
  private final ManualTime time = ManualTime.get(testKit.system());

  private static StatusBoard.ComponentUpdated storage(boolean up, String detail) {
    return new StatusBoard.ComponentUpdated("storage", up, detail);
  }

  @Test
  void reportsTheStartResultThenEveryCheckSoAnOutageAndItsEndShowByThemselves() {
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    var registry = new SimpleMeterRegistry();
    var check = new AtomicReference<>(new StorageCheck.Result(true, "reachable"));
    testKit.spawn(StorageWatch.create(check::get, INTERVAL, Duration.ofSeconds(1), new StorageCheck.Result(true, "at start"), board.getRef(), registry));
    board.expectMessage(storage(true, "at start"));
    board.expectMessage(storage(true, "reachable"));

    check.set(new StorageCheck.Result(false, "connection refused"));
    time.timePasses(INTERVAL);
    board.expectMessage(storage(false, "connection refused"));
    assertEquals(0, registry.get("nexus.storage.up").gauge().value());

    check.set(new StorageCheck.Result(true, "reachable again"));
    time.expectNoMessageFor(INTERVAL.minusMillis(1), board);
    time.timePasses(Duration.ofMillis(1));
    board.expectMessage(storage(true, "reachable again"));
    assertEquals(1, registry.get("nexus.storage.up").gauge().value());
  }

  @Test
  void aCheckThatDoesNotAnswerInTimeCountsAsDown() throws InterruptedException {
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    var hung = new CountDownLatch(1);
    testKit.spawn(
        StorageWatch.create(
            () -> {
              try {
                hung.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return new StorageCheck.Result(true, "late");
            },
            INTERVAL,
            Duration.ofMillis(200),
            new StorageCheck.Result(true, "at start"),
            board.getRef(),
            new SimpleMeterRegistry()));
    board.expectMessage(storage(true, "at start"));
    board.expectMessage(storage(false, "storage check failed: no answer within 200 ms"));
    hung.countDown();
  }
}
