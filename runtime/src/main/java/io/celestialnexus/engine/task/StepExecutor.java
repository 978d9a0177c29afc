package io.celestialnexus.engine.task;

import io.celestialnexus.engine.support.SettingsReader;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The dedicated pool every task step runs on, one per actor system. Steps never run on an actor's thread:
 * a stalled step must be interruptible and abandonable while its supervisor moves on.
 *
 * <p>A step is queued when some thread is idle (an idle thread takes it, and a thread that just finished
 * takes the next without going to sleep, which is what keeps thousands of short steps cheap); when every
 * thread is busy the pool adds one, up to {@code max-threads}. So an abandoned step whose thread ignores its
 * interrupt costs one thread, never another task's turn. {@link #active()} counts busy threads, stuck ones too.
 */
public final class StepExecutor implements Extension {

  private final ThreadPoolExecutor pool;
  /** Steps submitted and not yet finished: more of them than threads means nobody is idle. */
  private final AtomicInteger inFlight = new AtomicInteger();

  private StepExecutor(SettingsReader config) {
    int core = config.integerAtLeast(1, "core-threads");
    AtomicInteger threadCount = new AtomicInteger();
    var queue = new GrowWhenBusy();
    pool =
        new ThreadPoolExecutor(
            core,
            config.integerAtLeast(core, "max-threads"),
            config.positiveDuration("keep-alive").toMillis(),
            TimeUnit.MILLISECONDS,
            queue,
            runnable -> {
              Thread thread = new Thread(runnable, "nexus-step-" + threadCount.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            },
            (step, executor) -> {
              if (executor.isShutdown()) {
                throw new RejectedExecutionException("step pool is shut down");
              }
              queue.add(step); // lost the race for the last thread slot: wait in line after all
            });
    queue.pool = pool;
  }

  public static StepExecutor get(ActorSystem<?> system) {
    return Id.INSTANCE.apply(system);
  }

  /** Starts {@code step}; cancel the returned future with {@code cancel(true)} to interrupt its thread. */
  public <T> Future<T> start(FutureTask<T> step) {
    inFlight.incrementAndGet();
    try {
      pool.execute(
          () -> {
            try {
              step.run();
            } finally {
              inFlight.decrementAndGet();
            }
          });
    } catch (RejectedExecutionException e) {
      inFlight.decrementAndGet();
      throw e;
    }
    return step;
  }

  /** Threads currently running a step, including abandoned ones that have not ended yet. */
  public int active() {
    return pool.getActiveCount();
  }

  /** Threads in the pool, busy or idle. */
  public int threads() {
    return pool.getPoolSize();
  }

  /**
   * Queues a step while some thread is idle; refuses it (so the pool adds a thread) when all are busy and
   * the pool may still grow. ThreadPoolExecutor on its own would only grow once its queue was full.
   */
  private final class GrowWhenBusy extends LinkedBlockingQueue<Runnable> {
    private volatile ThreadPoolExecutor pool;

    @Override
    public boolean offer(Runnable step) {
      int threads = pool.getPoolSize();
      if (inFlight.get() > threads && threads < pool.getMaximumPoolSize()) {
        return false;
      }
      return super.offer(step);
    }
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
