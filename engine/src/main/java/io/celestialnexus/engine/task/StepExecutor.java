package io.celestialnexus.engine.task;

import io.celestialnexus.engine.support.SettingsReader;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The dedicated pool every task step runs on, one per actor system. Steps never run on an actor's thread:
 * a stalled step must be interruptible and abandonable while its supervisor moves on. The pool hands each
 * step to an idle or new thread (no queue), so an abandoned thread that ignores its interrupt never delays
 * another task's step; {@code active()} exposes how many threads are busy, stuck ones included.
 */
public final class StepExecutor implements Extension {

  private final ThreadPoolExecutor pool;

  private StepExecutor(SettingsReader config) {
    AtomicInteger threadCount = new AtomicInteger();
    pool =
        new ThreadPoolExecutor(
            config.integerAtLeast(1, "core-threads"),
            config.integerAtLeast(config.integer("core-threads"), "max-threads"),
            config.positiveDuration("keep-alive").toMillis(),
            TimeUnit.MILLISECONDS,
            new SynchronousQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, "nexus-step-" + threadCount.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  public static StepExecutor get(ActorSystem<?> system) {
    return Id.INSTANCE.apply(system);
  }

  /** Starts {@code step}; cancel the returned future with {@code cancel(true)} to interrupt its thread. */
  public <T> Future<T> start(FutureTask<T> step) {
    pool.execute(step);
    return step;
  }

  /** Threads currently running a step, including abandoned ones that have not ended yet. */
  public int active() {
    return pool.getActiveCount();
  }

  private static final class Id extends ExtensionId<StepExecutor> {
    private static final Id INSTANCE = new Id();

    @Override
    public StepExecutor createExtension(ActorSystem<?> system) {
      var executor = new StepExecutor(new SettingsReader(system.settings().config(), "nexus.engine.step-pool"));
      system.getWhenTerminated().thenRun(executor.pool::shutdownNow);
      return executor;
    }
  }
}
