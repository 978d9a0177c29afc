package io.celestialnexus.engine.chat.external;

import static io.celestialnexus.engine.chat.router.ChatMetricNames.EXTERNAL_IN_FLIGHT;
import static io.celestialnexus.engine.chat.router.ChatMetricNames.EXTERNAL_QUEUED;
import static io.celestialnexus.engine.chat.router.ChatMetricNames.EXTERNAL_REJECTED;
import static io.celestialnexus.engine.chat.router.ChatMetricNames.TAG_REASON;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.Scheduler;
import scala.concurrent.ExecutionContext;

/**
 * A global bound on calls to the external AI service: at most {@code maxConcurrent} at once, then up to
 * {@code maxQueued} waiting in arrival order, each for at most {@code queueWait}; a call beyond both, or one that
 * waited too long, is not made and the caller answers with the busy reply. Without it every follower's free text
 * is one more simultaneous call (a flood of 1,000 users made 1,000).
 *
 * <p>Meters: {@code nexus_chat_external_in_flight}, {@code nexus_chat_external_queued} (gauges) and
 * {@code nexus_chat_external_rejected_total{reason=full|queue_wait}}.
 *
 * <p>Thread-safe behind one lock held only for counter and queue updates (never while a call runs or a future
 * completes), so it costs a few operations per message and cannot block a caller.
 */
final class AiBulkhead {

  /** A call waiting for a slot. */
  private static final class Waiting {
    final Runnable start;
    final CompletableFuture<Boolean> admitted = new CompletableFuture<>();
    Cancellable timer;

    Waiting(Runnable start) {
      this.start = start;
    }
  }

  private final int maxConcurrent;
  private final int maxQueued;
  private final Duration queueWait;
  private final Scheduler scheduler;
  private final Object lock = new Object();
  private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
  private int inFlight;
  private final Counter rejectedFull;
  private final Counter rejectedWait;

  AiBulkhead(int maxConcurrent, int maxQueued, Duration queueWait, Scheduler scheduler, MeterRegistry registry) {
    this.maxConcurrent = maxConcurrent;
    this.maxQueued = maxQueued;
    this.queueWait = queueWait;
    this.scheduler = scheduler;
    Gauge.builder(EXTERNAL_IN_FLIGHT, this, AiBulkhead::inFlight)
        .description("Calls to the external AI service in flight now")
        .register(registry);
    Gauge.builder(EXTERNAL_QUEUED, this, AiBulkhead::queued)
        .description("Calls to the external AI service waiting for a free slot")
        .register(registry);
    this.rejectedFull = rejected(registry, "full");
    this.rejectedWait = rejected(registry, "queue_wait");
  }

  private static Counter rejected(MeterRegistry registry, String reason) {
    return Counter.builder(EXTERNAL_REJECTED)
        .description("Calls to the external AI service not made: every slot and the queue were full, or the queue wait ran out")
        .tag(TAG_REASON, reason)
        .register(registry);
  }

  /**
   * Runs {@code call} when a slot is free and completes with its result, or completes with empty at once (no slot,
   * queue full) or after {@code queueWait} (still queued) without making the call.
   */
  <T> CompletionStage<Optional<T>> submit(Supplier<CompletionStage<T>> call) {
    CompletableFuture<Optional<T>> result = new CompletableFuture<>();
    Runnable start =
        () -> {
          CompletionStage<T> running;
          try {
            running = call.get();
          } catch (RuntimeException e) {
            running = CompletableFuture.failedFuture(e);
          }
          running.whenComplete(
              (value, failure) -> {
                release();
                if (failure != null) {
                  result.completeExceptionally(failure);
                } else {
                  result.complete(Optional.ofNullable(value));
                }
              });
        };
    Waiting waiting = null;
    boolean now = false;
    synchronized (lock) {
      if (inFlight < maxConcurrent) {
        inFlight++;
        now = true;
      } else if (queue.size() < maxQueued) {
        waiting = new Waiting(start);
        queue.addLast(waiting);
      }
    }
    if (now) {
      start.run();
    } else if (waiting == null) {
      rejectedFull.increment();
      result.complete(Optional.empty());
    } else {
      Waiting queued = waiting;
      queued.timer = scheduler.scheduleOnce(queueWait, () -> giveUp(queued), ExecutionContext.global());
      queued.admitted.thenAccept(
          admitted -> {
            if (admitted) {
              queued.start.run();
            } else {
              result.complete(Optional.empty());
            }
          });
    }
    return result;
  }

  /** A finished call hands its slot to the oldest waiting one, or frees it. */
  private void release() {
    Waiting next;
    synchronized (lock) {
      next = queue.pollFirst();
      if (next == null) {
        inFlight--;
      }
    }
    if (next != null) {
      if (next.timer != null) {
        next.timer.cancel();
      }
      next.admitted.complete(true);
    }
  }

  private void giveUp(Waiting waiting) {
    boolean removed;
    synchronized (lock) {
      removed = queue.remove(waiting);
    }
    if (removed) {
      rejectedWait.increment();
      waiting.admitted.complete(false);
    }
  }

  int inFlight() {
    synchronized (lock) {
      return inFlight;
    }
  }

  int queued() {
    synchronized (lock) {
      return queue.size();
    }
  }
}
