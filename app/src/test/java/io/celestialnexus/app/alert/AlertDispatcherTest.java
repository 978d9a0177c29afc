package io.celestialnexus.app.alert;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.celestialnexus.engine.status.Alert;
import io.celestialnexus.engine.status.AlertNotice;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Grouping, rate limit, retries and resolutions, every wait driven by ManualTime. */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertDispatcherTest {

  @JUnit5TestKit
  public ActorTestKit testKit = ActorTestKit.create(ManualTime.config().withFallback(ConfigFactory.load()));

  private final ManualTime time = ManualTime.get(testKit.system());

  /** group-wait 10 s, group-interval 5 min, 10 messages a minute, 5 attempts from 2 s: the shipped defaults. */
  private static AlertSettings settings(String overrides) {
    return AlertSettings.fromConfig(
        ConfigFactory.parseString("nexus.alerts.node-name = node-1\n" + overrides).withFallback(ConfigFactory.load()).resolve());
  }

  /** A courier that tells the probe every message it is handed and answers with the next scripted outcome (else success). */
  private static final class ScriptedCourier implements AlertCourier {
    final TestProbe<AlertMessage> handed;
    final ConcurrentLinkedDeque<Boolean> failRetryably = new ConcurrentLinkedDeque<>();

    ScriptedCourier(TestProbe<AlertMessage> handed) {
      this.handed = handed;
    }

    @Override
    public String channel() {
      return WEBHOOK;
    }

    @Override
    public CompletionStage<Void> deliver(AlertMessage message) {
      handed.getRef().tell(message);
      Boolean retryable = failRetryably.poll();
      return retryable == null
          ? CompletableFuture.completedFuture(null)
          : CompletableFuture.failedFuture(new DeliveryFailure("scripted failure", retryable));
    }
  }

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private double delivered(String outcome) {
    var counter = registry.find(AlertMetricNames.DELIVERED).tag("channel", "webhook").tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  private static AlertDispatcher.Notify firing(String kind, String subject) {
    return new AlertDispatcher.Notify(
        new AlertNotice(AlertNotice.Status.FIRING, new Alert(Instant.EPOCH, kind, subject, kind + " of " + subject)));
  }

  private static AlertDispatcher.Notify resolved(String kind, String subject) {
    return new AlertDispatcher.Notify(
        new AlertNotice(AlertNotice.Status.RESOLVED, new Alert(Instant.EPOCH, kind, subject, subject + " is fine")));
  }

  /** Returns once the dispatcher handled what was told before (ManualTime must not move before it read it). */
  private AlertDispatcher.Backlog settle(ActorRef<AlertDispatcher.Command> dispatcher) {
    TestProbe<AlertDispatcher.Backlog> reply = testKit.createTestProbe();
    dispatcher.tell(new AlertDispatcher.GetBacklog(reply.getRef()));
    return reply.expectMessageClass(AlertDispatcher.Backlog.class);
  }

  /** Waits (in real time: deliveries complete on other threads) until {@code actual} reads {@code expected}. */
  private void awaitCount(double expected, java.util.function.DoubleSupplier actual) {
    testKit.createTestProbe().awaitAssert(() -> {
      assertEquals(expected, actual.getAsDouble());
      return null;
    });
  }

  @Test
  void aStormOfAHundredAlertsIsOneMessage() {
    TestProbe<AlertMessage> handed = testKit.createTestProbe();
    var dispatcher = testKit.spawn(AlertDispatcher.create(settings(""), List.of(new ScriptedCourier(handed)), registry));
    for (int i = 0; i < 100; i++) {
      dispatcher.tell(firing(Alert.FLAPPING, "task-" + (i % 4)));
    }
    assertEquals(new AlertDispatcher.Backlog(4, 0), settle(dispatcher));
    time.timePasses(ofSeconds(9));
    handed.expectNoMessage(ofMillis(100));
    time.timePasses(ofSeconds(1));
    AlertMessage message = handed.expectMessageClass(AlertMessage.class);
    assertEquals(4, message.entries().size());
    assertTrue(message.entries().stream().allMatch(entry -> entry.count() == 25), message.toString());
    time.timePasses(ofMinutes(10));
    handed.expectNoMessage(ofMillis(100));
  }

  @Test
  void repeatsOfAnAlertThatWentOutWaitForItsIntervalAndGoOutFolded() {
    TestProbe<AlertMessage> handed = testKit.createTestProbe();
    var dispatcher = testKit.spawn(AlertDispatcher.create(settings(""), List.of(new ScriptedCourier(handed)), registry));
    dispatcher.tell(firing(Alert.RESTART_STORM, null));
    settle(dispatcher);
    time.timePasses(ofSeconds(10));
    assertEquals(1, handed.expectMessageClass(AlertMessage.class).entries().get(0).count());
    for (int i = 0; i < 7; i++) {
      dispatcher.tell(firing(Alert.RESTART_STORM, null));
    }
    dispatcher.tell(firing(Alert.HEAP_HIGH, null)); // another alert is not held back by this one's interval
    settle(dispatcher);
    time.timePasses(ofSeconds(10));
    AlertMessage heap = handed.expectMessageClass(AlertMessage.class);
    assertEquals(List.of(Alert.HEAP_HIGH), heap.entries().stream().map(AlertMessage.Entry::kind).toList());
    time.timePasses(ofMinutes(4));
    handed.expectNoMessage(ofMillis(100));
    time.timePasses(ofMinutes(1)); // the interval ends: the repeats wait group-wait for more
    settle(dispatcher);
    time.timePasses(ofSeconds(10));
    AlertMessage folded = handed.expectMessageClass(AlertMessage.class);
    assertEquals("[FIRING] RESTART_STORM ×7 on node-1", folded.title());
  }

  @Test
  void aResolvedConditionSendsAResolvedNotice() {
    TestProbe<AlertMessage> handed = testKit.createTestProbe();
    var dispatcher = testKit.spawn(AlertDispatcher.create(settings(""), List.of(new ScriptedCourier(handed)), registry));
    dispatcher.tell(firing(Alert.COMPONENT_DOWN, "storage"));
    settle(dispatcher);
    time.timePasses(ofSeconds(10));
    assertEquals(AlertNotice.Status.FIRING, handed.expectMessageClass(AlertMessage.class).status());
    dispatcher.tell(resolved(Alert.COMPONENT_DOWN, "storage"));
    settle(dispatcher);
    time.timePasses(ofSeconds(10));
    AlertMessage message = handed.expectMessageClass(AlertMessage.class);
    assertEquals("[RESOLVED] COMPONENT_DOWN storage on node-1", message.title());
    // the resolution ended the interval: the next outage goes out after group-wait, not after group-interval
    dispatcher.tell(firing(Alert.COMPONENT_DOWN, "storage"));
    settle(dispatcher);
    time.timePasses(ofSeconds(10));
    assertEquals(AlertNotice.Status.FIRING, handed.expectMessageClass(AlertMessage.class).status());
  }

  @Test
  void theRateLimitHoldsMessagesBackAndSendsThemAsOneDigest() {
    TestProbe<AlertMessage> handed = testKit.createTestProbe();
    var dispatcher =
        testKit.spawn(
            AlertDispatcher.create(settings("nexus.alerts.rate-limit { messages = 2, per = 1m }"), List.of(new ScriptedCourier(handed)), registry));
    for (String task : List.of("a", "b", "c", "d")) {
      dispatcher.tell(firing(Alert.TASK_DOWN, task));
      settle(dispatcher);
      time.timePasses(ofSeconds(10));
    }
    handed.expectMessageClass(AlertMessage.class);
    handed.expectMessageClass(AlertMessage.class);
    handed.expectNoMessage(ofMillis(100));
    time.timePasses(ofSeconds(30)); // a minute after the first message
    AlertMessage digest = handed.expectMessageClass(AlertMessage.class);
    assertEquals(List.of("c", "d"), digest.entries().stream().map(AlertMessage.Entry::subject).toList());
  }

  @Test
  void aRetryableFailureIsRetriedWithBackoffAndARefusalIsNot() {
    TestProbe<AlertMessage> handed = testKit.createTestProbe();
    var courier = new ScriptedCourier(handed);
    courier.failRetryably.add(true);
    courier.failRetryably.add(true);
    var dispatcher = testKit.spawn(AlertDispatcher.create(settings(""), List.of(courier), registry));
    double sentBefore = delivered("sent");
    dispatcher.tell(firing(Alert.FLAPPING, "tuner"));
    settle(dispatcher);
    time.timePasses(ofSeconds(10));
    handed.expectMessageClass(AlertMessage.class);
    settle(dispatcher);
    time.timePasses(ofSeconds(2)); // min-backoff
    handed.expectMessageClass(AlertMessage.class);
    settle(dispatcher);
    time.timePasses(ofSeconds(3));
    handed.expectNoMessage(ofMillis(100));
    time.timePasses(ofSeconds(1)); // doubled: 4 s
    handed.expectMessageClass(AlertMessage.class);
    awaitCount(sentBefore + 1, () -> delivered("sent"));

    courier.failRetryably.add(false);
    double failedBefore = delivered("failed");
    dispatcher.tell(firing(Alert.FLAPPING, "autorl"));
    settle(dispatcher);
    time.timePasses(ofSeconds(10));
    handed.expectMessageClass(AlertMessage.class);
    awaitCount(failedBefore + 1, () -> delivered("failed"));
    time.timePasses(ofMinutes(5));
    handed.expectNoMessage(ofMillis(100));
  }

  @Test
  void aWebhookAnswering500IsRetriedUntilItTakesTheMessage() throws Exception {
    try (var receivers = new RobotReceivers(Clock.systemUTC())) {
      receivers.failNext(1);
      var settings = settings("nexus.alerts.webhook.url = \"" + receivers.webhookUrl() + "\"");
      var couriers = AlertCouriers.of(settings, HttpClient.newHttpClient(), Runnable::run, Clock.systemUTC());
      var local = new SimpleMeterRegistry();
      var dispatcher = testKit.spawn(AlertDispatcher.create(settings, couriers, local));
      dispatcher.tell(firing(Alert.FLAPPING, "ssq-cycle"));
      settle(dispatcher);
      time.timePasses(ofSeconds(10));
      awaitCount(1.0, () -> local.get(AlertMetricNames.DELIVERED).tag("outcome", "retried").counter().count());
      assertEquals(1, receivers.requests.get());
      time.timePasses(ofSeconds(2));
      var body = receivers.webhook.poll(5, TimeUnit.SECONDS);
      assertEquals("FLAPPING", body.path("alerts").get(0).path("kind").asText());
      awaitCount(1.0, () -> local.get(AlertMetricNames.DELIVERED).tag("outcome", "sent").counter().count());
      assertEquals(0.0, local.get(AlertMetricNames.DELIVERED).tag("outcome", "failed").counter().count());
    }
  }
}
