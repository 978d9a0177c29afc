package io.celestialnexus.http.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
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

/** The edge's asks: the answer continues on the actor system's dispatcher, a timeout becomes the fallback. */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeAskTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  @JUnit5TestKit
  public ActorTestKit testKit = ActorTestKit.create(ManualTime.config().withFallback(ConfigFactory.load()));

  private final ManualTime time = ManualTime.get(testKit.system());

  @Test
  void whatIsChainedOnTheAnswerRunsOnTheDispatcherNotTheCommonPool() throws Exception {
    TestProbe<ActorRef<String>> target = testKit.createTestProbe();
    CompletionStage<String> answer = EdgeAsk.ask(target.getRef(), replyTo -> replyTo, TIMEOUT, "timed out", testKit.system());
    // chained before the answer exists, so it runs where the answer completes
    CompletionStage<String> where = answer.thenApply(value -> value + " on " + Thread.currentThread().getName());
    target.receiveMessage().tell("answered");
    String result = where.toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertTrue(result.startsWith("answered on "), result);
    assertTrue(result.contains("default-dispatcher"), result);
  }

  @Test
  void aTimeoutIsAnsweredWithTheFallback() throws Exception {
    TestProbe<ActorRef<String>> target = testKit.createTestProbe();
    CompletionStage<String> answer = EdgeAsk.ask(target.getRef(), replyTo -> replyTo, TIMEOUT, "timed out", testKit.system());
    target.receiveMessage();
    time.timePasses(TIMEOUT.plusMillis(1));
    assertEquals("timed out", answer.toCompletableFuture().get(10, TimeUnit.SECONDS));
  }
}
