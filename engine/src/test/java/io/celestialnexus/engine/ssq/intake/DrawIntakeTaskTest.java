package io.celestialnexus.engine.ssq.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.state.DrawHistory;
import io.celestialnexus.engine.ssq.state.HistoryDrawStore;
import io.celestialnexus.engine.ssq.state.StateSettings;
import io.celestialnexus.engine.task.TaskContext;
import io.celestialnexus.engine.testing.ManualClock;
import io.celestialnexus.engine.testing.TestSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The intake against a local server that answers as the China Welfare Lottery's notice does (or does not), recording
 * into a real {@code draws} entity.
 */
class DrawIntakeTaskTest {

  private static final ActorTestKit TEST_KIT = ActorTestKit.create(EventSourcedBehaviorTestKit.config());
  private static final Draw RECORDED = new Draw(2026095, LocalDate.of(2026, 8, 18), List.of(3, 7, 11, 19, 24, 31), 5);
  /** Monday 2026-08-24, 08:00 in Shanghai: the next draw (Tuesday's) is due 2026-08-25 21:30 there. */
  private static final Instant MONDAY = Instant.parse("2026-08-24T00:00:00Z");

  private final TestProbe<Topic.Command<DrawHistory.DrawsAdded>> topic = TEST_KIT.createTestProbe();
  private HttpServer server;
  private volatile int status = 200;
  private volatile String body = DrawNoticeTest.NOTICE;
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile boolean hold;
  private HistoryDrawStore store;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/notice",
        exchange -> {
          if (hold) {
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    var history =
        TEST_KIT.spawn(DrawHistory.create("intake-" + UUID.randomUUID(), new StateSettings(Duration.ofMillis(100), Duration.ofSeconds(1), 0.2),
            new ManualClock(MONDAY), topic.getRef()));
    store = new HistoryDrawStore(history, TEST_KIT.scheduler(), Duration.ofSeconds(5));
    store.record(List.of(RECORDED), "test", true).toCompletableFuture().get(5, TimeUnit.SECONDS);
    topic.receiveMessage();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  @AfterAll
  static void shutDown() {
    TEST_KIT.shutdownTestKit();
  }

  private DrawIntakeTask intake(Clock clock, int pollSeconds) {
    var settings =
        new IntakeSettings(
            true, URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/notice"), LocalTime.of(21, 15), ZoneId.of("Asia/Shanghai"),
            Duration.ofMinutes(15), Duration.ofMinutes(10), Duration.ofSeconds(pollSeconds), Duration.ofMillis(500));
    var task = new DrawIntakeTask(TestSettings.every(Duration.ofMinutes(10)), settings, clock);
    task.attach(store);
    return task;
  }

  private static Map<String, Object> step(DrawIntakeTask task) throws Exception {
    return task.step(TaskContext.detached(DrawIntakeTask.NAME));
  }

  @Test
  void newDrawsAreRecordedAndTheNextStepWaitsForTheNextDrawEvening() throws Exception {
    DrawIntakeTask task = intake(Clock.fixed(MONDAY, ZoneOffset.UTC), 0);
    Map<String, Object> fields = step(task);
    assertEquals(2, fields.get("added"));
    assertEquals(2026097, fields.get("latest"));
    assertEquals("2026-08-25T13:30:00Z", fields.get("nextDrawDue"));
    assertEquals(Topic.publish(new DrawHistory.DrawsAdded(DrawNotice.parse(DrawNoticeTest.NOTICE))), topic.receiveMessage(), "the loop hears of them");
    assertEquals(Duration.ofHours(37).plusMinutes(30), task.pauseBeforeNextStep(), "until Tuesday 21:30 in Shanghai");

    assertEquals(0, step(task).get("added"), "the same notice again adds nothing");
  }

  @Test
  void anOverdueDrawIsAskedForEveryRetryAndAPollPeriodCapsTheWait() throws Exception {
    var clock = new ManualClock(MONDAY);
    DrawIntakeTask task = intake(clock, 0);
    step(task);
    clock.advance(Duration.ofHours(38));
    assertEquals(Duration.ofMinutes(10), task.pauseBeforeNextStep(), "Tuesday's draw is late: retry");
    assertEquals(Duration.ofSeconds(600), intake(Clock.fixed(MONDAY, ZoneOffset.UTC), 600).pauseBeforeNextStep());
  }

  @Test
  void aFailedFetchFailsTheStepSayingWhy() {
    DrawIntakeTask task = intake(Clock.fixed(MONDAY, ZoneOffset.UTC), 0);
    status = 500;
    assertEquals("127.0.0.1 answered HTTP 500", assertThrows(IOException.class, () -> step(task)).getMessage());
    status = 200;
    body = "<html>维护中</html>";
    assertTrue(assertThrows(DrawNotice.Malformed.class, () -> step(task)).getMessage().startsWith("not JSON"));
    body = DrawNoticeTest.NOTICE;
    hold = true;
    assertEquals("127.0.0.1 did not answer within PT0.5S", assertThrows(IOException.class, () -> step(task)).getMessage());
  }

  @Test
  void aChangedDrawIsRefusedKeptAsRecordedAndRaisedOnce() throws Exception {
    DrawIntakeTask task = intake(Clock.fixed(MONDAY, ZoneOffset.UTC), 0);
    body = DrawNoticeTest.NOTICE.replace("]}", ",{\"code\":\"2026095\",\"date\":\"2026-08-18(二)\",\"red\":\"01,02,03,04,05,06\",\"blue\":\"07\"}]}");
    var raised = assertThrows(IllegalStateException.class, () -> step(task));
    assertTrue(raised.getMessage().startsWith("the draw notice differs from the recorded history, kept as recorded: 2026095"), raised.getMessage());
    assertEquals(RECORDED, store.draw(2026095).toCompletableFuture().get(5, TimeUnit.SECONDS).draw().orElseThrow().draw());
    assertEquals(2026097, store.page(0, 1).toCompletableFuture().get(5, TimeUnit.SECONDS).draws().get(0).draw().issue(), "the new draws went in");

    Map<String, Object> again = step(task);
    assertEquals(1, again.get("conflicts"), "reported, not raised again");
  }

  @Test
  void beforeTheHistoryRunsAStepWaits() throws Exception {
    var settings =
        new IntakeSettings(true, URI.create("http://127.0.0.1:1/notice"), LocalTime.of(21, 15), ZoneId.of("Asia/Shanghai"), Duration.ZERO,
            Duration.ofMinutes(10), Duration.ZERO, Duration.ofSeconds(1));
    var task = new DrawIntakeTask(TestSettings.every(Duration.ofMinutes(10)), settings, Clock.systemUTC());
    assertEquals("the draw history is not running yet", step(task).get("waiting"));
  }
}
