package io.celestialnexus.engine.ssq.loop;

import io.celestialnexus.engine.EngineSettings;
import io.celestialnexus.engine.NodePaths;
import io.celestialnexus.engine.ssq.SsqSettings;
import io.celestialnexus.engine.ssq.strategy.Strategy;
import io.celestialnexus.engine.support.EngineClock;
import io.celestialnexus.engine.task.Task;
import io.celestialnexus.engine.task.TaskContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The SSQ prediction loop as a node runs it: its three tasks ({@link LoopTask}), the behaviour of its one owner
 * ({@link LoopOwner}) for the wiring to spawn once the entities run, and the way the tasks and the
 * {@link LoopService} reach that owner. Tasks are built before the actor system exists, so the owner is attached
 * later; until then a step fails with {@link PredictionService.LoopNotReady} (and its task retries).
 */
public final class PredictionLoop {

  private final List<Strategy> strategies;
  private final SsqSettings settings;
  private final NodePaths paths;
  private final CompletableFuture<Owner> owner = new CompletableFuture<>();

  private record Owner(ActorRef<LoopOwner.Command> ref, Scheduler scheduler, Duration askTimeout) {}

  private PredictionLoop(List<Strategy> strategies, SsqSettings settings, NodePaths paths) {
    this.strategies = List.copyOf(strategies);
    this.settings = settings;
    this.paths = paths;
  }

  public static PredictionLoop of(List<Strategy> strategies, SsqSettings settings, NodePaths paths) {
    return new PredictionLoop(strategies, settings, paths);
  }

  /** The loop {@code task} is one of the tasks of, if it is. */
  public static Optional<PredictionLoop> behind(Task task) {
    return task instanceof LoopTask loopTask ? Optional.of(loopTask.loop()) : Optional.empty();
  }

  public SsqSettings settings() {
    return settings;
  }

  /** ssq-cycle, ssq-tuner and ssq-autorl, their schedules from {@code engine} and the SSQ settings. */
  public List<Task> tasks(EngineSettings engine) {
    return LoopTask.all(this, engine);
  }

  /** The owner's behaviour over the entities in {@code store}; spawn it once, then {@link #attach} it. */
  public Behavior<LoopOwner.Command> owner(LoopStore store, EngineClock clock) {
    return LoopOwner.create(
        publish -> new SsqLoop(strategies, settings, paths, store, clock, publish),
        SsqLoop.initialView(names(), settings),
        settings.loop(),
        clock);
  }

  /** Gives the tasks and the service their owner; {@code askTimeout} bounds a read of its view. */
  public void attach(ActorRef<LoopOwner.Command> ref, Scheduler scheduler, Duration askTimeout) {
    owner.complete(new Owner(ref, scheduler, askTimeout));
  }

  /**
   * Reads the journal back in the caller's thread without writing anything, with no owner: what a command that
   * opened the storage directly (the service down) evaluates.
   */
  public LoopView readBack(LoopStore store, EngineClock clock) throws InterruptedException {
    return new SsqLoop(strategies, settings, paths, store, clock, view -> {}).reload(TaskContext.detached("read-back"));
  }

  /** Every strategy with its description and its weight in {@code view}. */
  public List<PredictionService.StrategyView> strategies(LoopView view) {
    List<PredictionService.StrategyView> views = new ArrayList<>();
    for (Strategy strategy : strategies) {
      views.add(new PredictionService.StrategyView(strategy.name(), strategy.title(), view.weights().weight(strategy.name())));
    }
    return views;
  }

  /** The owner's newest published view. */
  CompletionStage<LoopView> view() {
    return attached().thenCompose(o -> AskPattern.ask(o.ref(), LoopOwner.GetView::new, o.askTimeout(), o.scheduler()));
  }

  /** The next AutoRL job runs a round even if one ran recently. */
  CompletionStage<Void> demandAutoRl() {
    return attached().thenAccept(o -> o.ref().tell(LoopOwner.DemandAutoRl.INSTANCE));
  }

  /**
   * Hands {@code job} to the owner and waits for it (the owner heartbeats for the step while the job waits its turn;
   * the job's own progress heartbeats while it runs). Interrupted, the step withdraws its job.
   */
  Map<String, Object> run(LoopJob job, TaskContext context) throws Exception {
    Owner attached = owner.getNow(null);
    if (attached == null) {
      throw new PredictionService.LoopNotReady("the prediction loop's owner is not running yet");
    }
    JobTicket ticket = new JobTicket(job, context);
    attached.ref().tell(new LoopOwner.Submit(ticket));
    try {
      return ticket.await();
    } catch (InterruptedException e) {
      attached.ref().tell(new LoopOwner.Withdraw(ticket));
      throw e;
    }
  }

  private CompletableFuture<Owner> attached() {
    Owner attached = owner.getNow(null);
    return attached != null
        ? CompletableFuture.completedFuture(attached)
        : CompletableFuture.failedFuture(new PredictionService.LoopNotReady("the prediction loop's owner is not running yet"));
  }

  private List<String> names() {
    return strategies.stream().map(Strategy::name).toList();
  }
}
