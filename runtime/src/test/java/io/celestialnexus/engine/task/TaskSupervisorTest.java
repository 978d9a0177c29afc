package io.celestialnexus.engine.task;

import static io.celestialnexus.engine.testing.StatusProbes.awaitStatus;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.engine.status.TaskState;
import io.celestialnexus.engine.status.TaskStatus;
import io.celestialnexus.engine.testing.ManualClock;
import io.celestialnexus.engine.testing.ScriptedTask;
import io.celestialnexus.engine.testing.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskSupervisorTest {

  @JUnit5TestKit
  public ActorTestKit testKit = ActorTestKit.create(ManualTime.config().withFallback(ConfigFactory.load()));

  private final ManualTime time = ManualTime.get(testKit.system());
  private final ManualClock clock = new ManualClock();

  private void advance(Duration duration) {
    clock.advance(duration);
    time.timePasses(duration);
  }

  @Test
  void aHungAndRestartingTaskNeverDelaysAnotherTasksSteps() {
    TestProbe<String> steady = testKit.createTestProbe();
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    var release = new CountDownLatch(1);
    // ignores interrupts on purpose: the worst kind of hang, which the runtime can only abandon
    var hung =
        new ScriptedTask(
            "hung",
            TestSettings.withTimeouts(TestSettings.every(ofSeconds(1)), ofSeconds(3), ofSeconds(300)),
            (n, context) -> {
              while (release.getCount() > 0) {
                try {
                  release.await();
                } catch (InterruptedException ignored) {
                  // keep hanging
                }
              }
              return Map.of();
            });
    var ticking =
        new ScriptedTask(
            "steady",
            TestSettings.every(ofSeconds(1)),
            (n, context) -> {
              steady.getRef().tell("step " + n);
              return Map.of("round", n);
            });
    ActorRef<TaskSupervisor.Command> tasks =
        testKit.spawn(TaskSupervisor.create(List.of(hung, ticking), board.getRef(), clock, new SimpleMeterRegistry(), 50));
    try {
      Map<String, TaskStatus> latest = new HashMap<>();
      steady.expectMessage("step 1");
      for (int second = 1; second <= 20; second++) {
        int completed = second;
        awaitStatus(board, "steady", s -> s.stepsCompleted() == completed, latest);
        advance(ofSeconds(1));
        steady.expectMessage("step " + (second + 1));
      }
      TaskStatus steadyStatus = awaitStatus(board, "steady", s -> s.stepsCompleted() == 21, latest);
      // it stalled every 3 s plus backoff (0, 1, 2, 4 s): restarted several times meanwhile
      TaskStatus hungStatus = latest.get("hung");
      assertTrue(hungStatus.totalRestarts() >= 3, "restarts: " + hungStatus.totalRestarts());
      assertEquals("stalled", hungStatus.lastError().reason());
      assertEquals(0, steadyStatus.totalRestarts());
      assertEquals(0, steadyStatus.consecutiveFailures());
      assertEquals(TaskState.RUNNING, steadyStatus.state());
    } finally {
      release.countDown();
      testKit.stop(tasks);
    }
  }

  @Test
  void answersUnknownTaskForANameItDoesNotRun() {
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    ActorRef<TaskSupervisor.Command> tasks =
        testKit.spawn(TaskSupervisor.create(List.of(), board.getRef(), clock, new SimpleMeterRegistry(), 50));
    TestProbe<StatusReply<TaskStatus>> reply = testKit.createTestProbe();
    tasks.tell(new TaskSupervisor.Control("nope", TaskSupervisor.Action.RESTART, reply.getRef()));
    StatusReply<TaskStatus> answer = reply.receiveMessage();
    assertTrue(answer.isError());
    assertInstanceOf(UnknownTaskException.class, answer.getError());
    testKit.stop(tasks);
  }

  @Test
  void declaresItsTasksToTheBoardBeforeTheyReport() {
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    var quiet = new ScriptedTask("quiet", TestSettings.every(ofSeconds(60)), (n, context) -> Map.of());
    ActorRef<TaskSupervisor.Command> tasks =
        testKit.spawn(TaskSupervisor.create(List.of(quiet), board.getRef(), clock, new SimpleMeterRegistry(), 50));
    assertEquals(new StatusBoard.TasksDeclared(List.of("quiet")), board.receiveMessage());
    testKit.stop(tasks);
  }

  @Test
  void drainAllRepliesOnceEveryTaskHasStopped() {
    TestProbe<String> events = testKit.createTestProbe();
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    var release = new CountDownLatch(1);
    var busy =
        new ScriptedTask(
            "busy",
            TestSettings.every(ofSeconds(1)),
            (n, context) -> {
              events.getRef().tell("step " + n);
              release.await();
              return Map.of();
            });
    var idle = new ScriptedTask("idle", TestSettings.every(ofSeconds(60)), (n, context) -> Map.of());
    ActorRef<TaskSupervisor.Command> tasks =
        testKit.spawn(TaskSupervisor.create(List.of(busy, idle), board.getRef(), clock, new SimpleMeterRegistry(), 50));
    events.expectMessage("step 1");
    TestProbe<Done> drained = testKit.createTestProbe();
    tasks.tell(new TaskSupervisor.DrainAll(ofSeconds(10), drained.getRef()));
    drained.expectNoMessage(ofMillis(100));
    release.countDown();
    drained.receiveMessage();
    awaitStatus(board, "busy", s -> s.state() == TaskState.STOPPED);
    testKit.stop(tasks);
  }
}
