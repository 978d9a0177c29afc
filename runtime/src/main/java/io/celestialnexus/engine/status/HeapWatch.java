package io.celestialnexus.engine.status;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.function.DoubleSupplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Raises HEAP_HIGH on the status board when the heap stays too full, and resolves it when it no longer is. It reads,
 * every {@code heap.interval}, the share of the maximum heap still in use right after the last garbage collection
 * (live data: the heap's fill level between collections says little). {@code heap.checks} consecutive readings above
 * {@code heap.threshold} raise the alert; as many below it resolve it, so one reading near the line does not flap.
 *
 * <p>It holds two counters and a flag. Restarted, it counts afresh as if the heap were fine: a heap still high is
 * raised again after {@code checks} readings (delivery folds the repeat into the open alert). A reading throws nothing.
 */
public final class HeapWatch extends AbstractBehavior<HeapWatch.Command> {

  public sealed interface Command {}

  /** The timer's message; tests send it themselves, so that each reading is taken in a known order. */
  enum Check implements Command {
    INSTANCE
  }

  private static final String CHECK_TIMER = "check";

  private final StatusSettings.HeapSettings settings;
  private final DoubleSupplier liveShare;
  private final ActorRef<StatusBoard.Command> board;
  private int above;
  private int below;
  private boolean high;

  private HeapWatch(
      ActorContext<Command> context, StatusSettings.HeapSettings settings, DoubleSupplier liveShare, ActorRef<StatusBoard.Command> board) {
    super(context);
    this.settings = settings;
    this.liveShare = liveShare;
    this.board = board;
  }

  /** A watch over this JVM's heap. */
  public static Behavior<Command> create(StatusSettings.HeapSettings settings, ActorRef<StatusBoard.Command> board) {
    return create(settings, HeapWatch::liveHeapShare, board);
  }

  /** A watch over {@code liveShare} (tests give readings of their own). */
  static Behavior<Command> create(
      StatusSettings.HeapSettings settings, DoubleSupplier liveShare, ActorRef<StatusBoard.Command> board) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(CHECK_TIMER, Check.INSTANCE, settings.interval());
                  return new HeapWatch(context, settings, liveShare, board);
                }));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder().onMessageEquals(Check.INSTANCE, this::onCheck).build();
  }

  private Behavior<Command> onCheck() {
    double share = liveShare.getAsDouble();
    if (share > settings.threshold()) {
      above++;
      below = 0;
    } else {
      below++;
      above = 0;
    }
    String reading = Math.round(share * 100) + "% of the maximum heap in use after garbage collection";
    if (!high && above >= settings.checks()) {
      high = true;
      board.tell(
          new StatusBoard.RaiseAlert(
              Alert.HEAP_HIGH, null,
              reading + " (above " + Math.round(settings.threshold() * 100) + "% at " + above + " checks in a row)"));
    } else if (high && below >= settings.checks()) {
      high = false;
      board.tell(new StatusBoard.ResolveAlert(Alert.HEAP_HIGH, null, reading));
    }
    return this;
  }

  /**
   * The heap in use after the last collection of each heap pool, as a share of the maximum heap; 0 before any
   * collection (nothing is known to be live yet).
   */
  static double liveHeapShare() {
    long max = Runtime.getRuntime().maxMemory();
    if (max <= 0 || max == Long.MAX_VALUE) {
      return 0;
    }
    long live = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        MemoryUsage afterGc = pool.getCollectionUsage(); // null where the pool does not track it
        if (afterGc != null) {
          live += afterGc.getUsed();
        }
      }
    }
    return (double) live / max;
  }
}
