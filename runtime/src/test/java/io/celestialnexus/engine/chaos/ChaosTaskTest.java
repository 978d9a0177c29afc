package io.celestialnexus.engine.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.engine.task.TaskContext;
import io.celestialnexus.engine.task.UnknownTaskException;
import io.celestialnexus.engine.testing.ManualClock;
import io.celestialnexus.engine.testing.ScriptedTask;
import io.celestialnexus.engine.testing.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Assaults act through the step itself: what the supervisor sees is an ordinary throw, block or slow step. */
class ChaosTaskTest {

  private static final TaskContext CONTEXT =
      new TaskContext() {
        @Override
        public String taskName() {
          return "target";
        }

        @Override
        public void progress(Map<String, ?> fields) {}

        @Override
        public Clock clock() {
          return Clock.systemUTC();
        }
      };

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ChaosAssaults assaults = new ChaosAssaults(Set.of("target"), 10, new ManualClock(), registry);
  private final AtomicInteger realSteps = new AtomicInteger();
  private final ChaosTask task =
      new ChaosTask(
          new ScriptedTask("target", TestSettings.every(Duration.ofSeconds(1)), (n, context) -> Map.of("real", realSteps.incrementAndGet())),
          assaults);

  @Test
  void anExceptionAssaultFailsExactlyTheNextCountSteps() throws Exception {
    assaults.inject("target", new Assault(Assault.Kind.EXCEPTION, 2, 0));
    assertThrows(ChaosTask.ChaosException.class, () -> task.step(CONTEXT));
    assertThrows(ChaosTask.ChaosException.class, () -> task.step(CONTEXT));
    assertEquals(Map.of("real", 1), task.step(CONTEXT));
    assertEquals(2.0, registry.get(ChaosAssaults.ASSAULTS_METRIC).tags("task", "target", "assault", "exception").counter().count());
    AssaultRecord spent = assaults.list().past().get(0);
    assertEquals(2, spent.fired());
    assertEquals(0, spent.remaining());
  }

  @Test
  void aHangBlocksUntilInterruptedAndNotesHowLongItLasted() throws Exception {
    assaults.inject("target", new Assault(Assault.Kind.HANG, 1, 0));
    var pool = Executors.newSingleThreadExecutor();
    try {
      var step = pool.submit(() -> task.step(CONTEXT));
      assertThrows(java.util.concurrent.TimeoutException.class, () -> step.get(200, TimeUnit.MILLISECONDS));
      step.cancel(true);
      assertTrue(assaults.list().pending().isEmpty());
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
    }
    assertTrue(assaults.list().past().get(0).outcome().startsWith("hang interrupted after"), assaults.list().toString());
    assertEquals(0, realSteps.get()); // the hung step never reached the task's own work
  }

  @Test
  void latencyDelaysTheStepThenDoesItsWork() throws Exception {
    assaults.inject("target", new Assault(Assault.Kind.LATENCY, 1, 150));
    long start = System.nanoTime();
    assertEquals(Map.of("real", 1), task.step(CONTEXT));
    assertTrue(System.nanoTime() - start >= Duration.ofMillis(150).toNanos());
  }

  @Test
  void clearCancelsPendingAssaults() throws Exception {
    assaults.inject("target", new Assault(Assault.Kind.EXCEPTION, 5, 0));
    assertEquals(1, assaults.clear("target"));
    assertEquals(Map.of("real", 1), task.step(CONTEXT));
    assertTrue(assaults.list().past().get(0).cleared());
  }

  @Test
  void anUnknownTaskIsRefused() {
    assertThrows(UnknownTaskException.class, () -> assaults.inject("ghost", new Assault(Assault.Kind.HANG, 1, 0)));
  }

  @Test
  void assaultsAreValidated() {
    var bad = assertThrows(IllegalArgumentException.class, () -> new Assault(Assault.Kind.LATENCY, 1, 0));
    assertTrue(bad.getMessage().contains("latencyMs"));
    assertThrows(IllegalArgumentException.class, () -> new Assault(Assault.Kind.EXCEPTION, 0, 0));
  }

  @Test
  void keepsOnlyTheNewestRecords() {
    for (int i = 0; i < 15; i++) {
      assaults.inject("target", new Assault(Assault.Kind.EXCEPTION, 1, 0));
    }
    assertEquals(10, assaults.list().pending().size());
    assertEquals(6, assaults.list().pending().get(0).id());
  }
}
