package io.celestialnexus.engine.status;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoardStatusPortTest {

  @JUnit5TestKit
  public ActorTestKit testKit = ActorTestKit.create(ManualTime.config().withFallback(ConfigFactory.load()));

  private final ManualTime time = ManualTime.get(testKit.system());

  private static final StatusSnapshot DOCUMENT =
      new StatusSnapshot(
          Instant.EPOCH, new StatusSnapshot.NodeInfo(1, "test", Instant.EPOCH, 0), Health.PASS, 0, true, List.of(), List.of(),
          List.of());

  @Test
  void answersWithTheBoardsDocument() throws Exception {
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    var port = new BoardStatusPort(board.getRef(), testKit.scheduler(), ofSeconds(3));

    CompletableFuture<StatusSnapshot> answer = port.snapshot().toCompletableFuture();
    board.expectMessageClass(StatusBoard.GetStatus.class).replyTo().tell(DOCUMENT);

    assertEquals(DOCUMENT, answer.get(3, TimeUnit.SECONDS));
  }

  @Test
  void aBoardThatDoesNotAnswerInTimeFailsTheStageWithATimeout() {
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    var port = new BoardStatusPort(board.getRef(), testKit.scheduler(), ofSeconds(3));

    CompletableFuture<StatusSnapshot> answer = port.snapshot().toCompletableFuture();
    board.expectMessageClass(StatusBoard.GetStatus.class);
    time.timePasses(ofMillis(2_999));
    assertFalse(answer.isDone(), "the port waits its whole timeout");
    time.timePasses(ofMillis(2));

    var failure = assertThrows(ExecutionException.class, () -> answer.get(3, TimeUnit.SECONDS));
    assertInstanceOf(TimeoutException.class, failure.getCause());
  }
}
