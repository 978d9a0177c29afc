package io.celestialnexus.engine.task;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.engine.status.TaskState;
import io.celestialnexus.engine.status.TaskStatus;
import io.celestialnexus.engine.testing.ManualClock;
import io.celestialnexus.engine.testing.ScriptedTask;
import io.celestialnexus.engine.testing.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupervisorTaskControlTest {

  @JUnit5TestKit public ActorTestKit testKit = ActorTestKit.create();

  private TaskControl control(String taskName) {
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    var task = new ScriptedTask(taskName, TestSettings.every(ofSeconds(60)), (n, context) -> Map.of("round", n));
    var tasks =
        testKit.spawn(TaskSupervisor.create(List.of(task), board.getRef(), new ManualClock(), new SimpleMeterRegistry(), 50));
    return new SupervisorTaskControl(tasks, testKit.scheduler(), ofSeconds(3));
  }

  @Test
  void answersWithTheStatusAfterTheActionAndRecordsItInTheTimeline() throws Exception {
    TaskControl control = control("pausable");

    TaskStatus paused = control.control("pausable", TaskSupervisor.Action.PAUSE).toCompletableFuture().get(3, TimeUnit.SECONDS);
    List<LifecycleEvent> events = control.timeline("pausable", Long.MIN_VALUE).toCompletableFuture().get(3, TimeUnit.SECONDS);

    assertEquals(TaskState.PAUSED, paused.state());
    assertTrue(events.stream().anyMatch(event -> event.type() == LifecycleEvent.Type.PAUSED), () -> "no PAUSED event in " + events);
  }

  @Test
  void anUnknownTaskFailsBothQuestionsWithUnknownTaskException() {
    TaskControl control = control("known");

    var controlled =
        assertThrows(
            ExecutionException.class,
            () -> control.control("unknown", TaskSupervisor.Action.RUN).toCompletableFuture().get(3, TimeUnit.SECONDS));
    var timeline =
        assertThrows(
            ExecutionException.class,
            () -> control.timeline("unknown", Long.MIN_VALUE).toCompletableFuture().get(3, TimeUnit.SECONDS));

    assertInstanceOf(UnknownTaskException.class, controlled.getCause());
    assertInstanceOf(UnknownTaskException.class, timeline.getCause());
  }
}
