package io.celestialnexus.engine.task;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepExecutorTest {

  @JUnit5TestKit
  public ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseString("nexus.engine.step-pool { core-threads = 1, max-threads = 3 }")
              .withFallback(ConfigFactory.load()));

  @Test
  void aStepThatIgnoresItsInterruptNeverHoldsUpTheNextStep() throws Exception {
    StepExecutor executor = StepExecutor.get(testKit.system());
    var release = new CountDownLatch(1);
    var running = new CountDownLatch(1);
    var stuck =
        new FutureTask<>(
            () -> {
              running.countDown();
              while (release.getCount() > 0) {
                try {
                  release.await();
                } catch (InterruptedException ignored) {
                  // a step that will not stop
                }
              }
              return "stuck";
            });
    var future = executor.start(stuck);
    assertTrue(running.await(5, TimeUnit.SECONDS));
    future.cancel(true); // abandoned, but its thread lives on
    try {
      for (int i = 0; i < 5; i++) {
        var ran = new CountDownLatch(1);
        executor.start(new FutureTask<>(() -> { ran.countDown(); return "ok"; }));
        assertTrue(ran.await(5, TimeUnit.SECONDS), "step " + i + " ran beside the stuck one");
      }
      assertTrue(executor.threads() >= 2, "a thread was added beside the stuck one");
    } finally {
      release.countDown();
    }
  }
}
