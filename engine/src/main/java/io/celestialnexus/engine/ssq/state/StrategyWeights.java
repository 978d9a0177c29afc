package io.celestialnexus.engine.ssq.state;

import io.celestialnexus.persistence.CborSerializable;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.pcollections.PVector;
import org.pcollections.TreePVector;

/**
 * The {@code weights} entity: the live strategy weights (normalised, per strategy name) and every version they
 * ever had, so that a rollback can restore any of them, plus every AutoRL decision with its evidence.
 *
 * <p>Each change makes a new version (numbers only grow; a rollback to version n makes a new version carrying
 * n's weights, so a prediction's recorded version always names the weights it used). Events: weights tuned
 * (with the tuner parameters), candidate promoted (blend|promote|replace, with evidence), candidate rejected
 * (with evidence and reason), rolled back. Snapshots every 100 events, keeping 2, and one on every promotion.
 *
 * <p>Lifecycle and failure: as {@link DrawHistory}: replays on start; a journal failure stops it and it
 * restarts after the {@link StateSettings} backoff; a change is answered only once its event is stored.
 */
public final class StrategyWeights
    extends EventSourcedBehaviorWithEnforcedReplies<StrategyWeights.Command, StrategyWeights.Event, StrategyWeights.State> {

  public static final String ENTITY_TYPE = "StrategyWeights";
  /** The id of the node's live weights. */
  public static final String LIVE = "live";
  /** How AutoRL applies a passing candidate. */
  public static final Set<String> METHODS = Set.of("blend", "promote", "replace");

  public sealed interface Command extends CborSerializable {}

  /** A tuner step produced {@code weights} with {@code parameters} (learning rate, window, ...). */
  public record TuneWeights(Map<String, Double> weights, Map<String, Double> parameters, ActorRef<StatusReply<WeightsVersion>> replyTo)
      implements Command {}

  /**
   * Several tuner steps in order (a catch-up over known draws), stored in one write: one version each, numbered
   * consecutively. Answers the last of them.
   */
  public record TuneWeightsInOrder(
      List<Map<String, Double>> weights, Map<String, Double> parameters, ActorRef<StatusReply<WeightsVersion>> replyTo)
      implements Command {}

  /** AutoRL applies a candidate: {@code weights} are the result of applying it by {@code evidence.method()}. */
  public record PromoteCandidate(Map<String, Double> weights, Evidence evidence, ActorRef<StatusReply<WeightsVersion>> replyTo)
      implements Command {}

  /** AutoRL evaluated a candidate and did not apply it (failed the gate, or promotion is off). */
  public record RejectCandidate(Evidence evidence, String reason, ActorRef<StatusReply<Decision>> replyTo) implements Command {}

  /** Restore the weights of an earlier version (as a new version). */
  public record RollBack(int toVersion, String reason, ActorRef<StatusReply<WeightsVersion>> replyTo) implements Command {}

  public record GetWeights(ActorRef<WeightsVersion> replyTo) implements Command {}

  /** Versions from {@code fromVersion} on, at most {@code limit}, oldest first. */
  public record GetHistory(int fromVersion, int limit, ActorRef<WeightsHistory> replyTo) implements Command {}

  /** The newest {@code limit} AutoRL decisions, newest first. */
  public record GetDecisions(int limit, ActorRef<Decisions> replyTo) implements Command {}

  public record WeightsHistory(int latest, List<WeightsVersion> versions) implements CborSerializable {}

  public record Decisions(int total, List<Decision> decisions) implements CborSerializable {}

  public sealed interface Event extends CborSerializable {}

  public record WeightsTuned(Map<String, Double> weights, Map<String, Double> parameters, Instant at) implements Event {}

  public record CandidatePromoted(Map<String, Double> weights, Evidence evidence, Instant at) implements Event {}

  public record CandidateRejected(Evidence evidence, String reason, Instant at) implements Event {}

  public record RolledBack(int toVersion, String reason, Instant at) implements Event {}

  /**
   * Every version (index = version number) and every decision. Versions up to the last snapshot stay packed in
   * {@code base} and are read out only when asked for; later ones are a persistent vector, so an event appends
   * without copying the history.
   */
  public static final class State {
    private static final int COMPACT_AFTER = 1024;
    private final WeightsSnapshot base;
    private final PVector<WeightsVersion> recent;
    private final PVector<Decision> decisions;

    State(WeightsSnapshot base, PVector<WeightsVersion> recent, PVector<Decision> decisions) {
      this.base = base;
      this.recent = recent;
      this.decisions = decisions;
    }

    int size() {
      return base.count() + recent.size();
    }

    public WeightsVersion current() {
      return version(size() - 1);
    }

    WeightsVersion version(int number) {
      return number < base.count() ? base.version(number) : recent.get(number - base.count());
    }

    State withVersion(Map<String, Double> weights, WeightsVersion.Change change, String detail, Instant at) {
      State next = new State(base, recent.plus(new WeightsVersion(size(), weights, change, detail, at)), decisions);
      // fold long runs into the packed base, so memory stays a few bytes per version whatever the history length
      return next.recent.size() >= COMPACT_AFTER ? new State(next.packed(), TreePVector.empty(), decisions) : next;
    }

    State withDecision(Decision decision) {
      return new State(base, recent, decisions.plus(decision));
    }

    List<WeightsVersion> history(int from, int limit) {
      int start = Math.max(0, Math.min(from, size()));
      int end = (int) Math.min(size(), (long) start + Math.max(0, limit));
      List<WeightsVersion> page = new java.util.ArrayList<>(end - start);
      for (int v = start; v < end; v++) {
        page.add(version(v));
      }
      return List.copyOf(page);
    }

    List<Decision> newestDecisions(int limit) {
      int start = Math.max(0, decisions.size() - Math.max(0, limit));
      List<Decision> newest = new java.util.ArrayList<>(decisions.subList(start, decisions.size()));
      java.util.Collections.reverse(newest);
      return List.copyOf(newest);
    }

    WeightsSnapshot packed() {
      return base.plus(recent, decisions);
    }
  }

  private final Clock clock;

  private StrategyWeights(PersistenceId id, StateSettings settings, Clock clock) {
    super(id, settings.journalBackoff());
    this.clock = clock;
  }

  public static Behavior<Command> create(String id, StateSettings settings, Clock clock) {
    return Behaviors.setup(context -> new StrategyWeights(PersistenceId.of(ENTITY_TYPE, id), settings, clock));
  }

  @Override
  public State emptyState() {
    return new State(WeightsSnapshot.empty(), TreePVector.singleton(WeightsVersion.initial()), TreePVector.empty());
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(TuneWeights.class, this::onTune)
        .onCommand(TuneWeightsInOrder.class, this::onTuneInOrder)
        .onCommand(PromoteCandidate.class, this::onPromote)
        .onCommand(RejectCandidate.class, this::onReject)
        .onCommand(RollBack.class, this::onRollBack)
        .onCommand(GetWeights.class, (state, query) -> Effect().reply(query.replyTo(), state.current()))
        .onCommand(
            GetHistory.class,
            (state, query) ->
                Effect().reply(query.replyTo(), new WeightsHistory(state.current().version(), state.history(query.fromVersion(), query.limit()))))
        .onCommand(
            GetDecisions.class,
            (state, query) -> Effect().reply(query.replyTo(), new Decisions(state.decisions.size(), state.newestDecisions(query.limit()))))
        .build();
  }

  private ReplyEffect<Event, State> onTune(State state, TuneWeights command) {
    Map<String, Double> weights;
    try {
      weights = Weights.normalised(command.weights());
    } catch (IllegalArgumentException e) {
      return Effect().reply(command.replyTo(), StatusReply.error(e.getMessage()));
    }
    Map<String, Double> parameters = Map.copyOf(command.parameters() == null ? Map.of() : command.parameters());
    return Effect()
        .persist(new WeightsTuned(weights, parameters, clock.instant()))
        .thenReply(command.replyTo(), newState -> StatusReply.success(newState.current()));
  }

  private ReplyEffect<Event, State> onTuneInOrder(State state, TuneWeightsInOrder command) {
    if (command.weights() == null || command.weights().isEmpty()) {
      return Effect().reply(command.replyTo(), StatusReply.success(state.current()));
    }
    Map<String, Double> parameters = Map.copyOf(command.parameters() == null ? Map.of() : command.parameters());
    Instant now = clock.instant();
    List<Event> events = new java.util.ArrayList<>(command.weights().size());
    try {
      for (Map<String, Double> weights : command.weights()) {
        events.add(new WeightsTuned(Weights.normalised(weights), parameters, now));
      }
    } catch (IllegalArgumentException e) {
      return Effect().reply(command.replyTo(), StatusReply.error(e.getMessage()));
    }
    return Effect().persist(events).thenReply(command.replyTo(), newState -> StatusReply.success(newState.current()));
  }

  private ReplyEffect<Event, State> onPromote(State state, PromoteCandidate command) {
    Map<String, Double> weights;
    try {
      weights = Weights.normalised(command.weights());
      requireEvidence(command.evidence());
    } catch (IllegalArgumentException e) {
      return Effect().reply(command.replyTo(), StatusReply.error(e.getMessage()));
    }
    return Effect()
        .persist(new CandidatePromoted(weights, command.evidence(), clock.instant()))
        .thenReply(command.replyTo(), newState -> StatusReply.success(newState.current()));
  }

  private ReplyEffect<Event, State> onReject(State state, RejectCandidate command) {
    try {
      requireEvidence(command.evidence());
    } catch (IllegalArgumentException e) {
      return Effect().reply(command.replyTo(), StatusReply.error(e.getMessage()));
    }
    String reason = command.reason() == null || command.reason().isBlank() ? "rejected" : command.reason();
    return Effect()
        .persist(new CandidateRejected(command.evidence(), reason, clock.instant()))
        .thenReply(command.replyTo(), newState -> StatusReply.success(newState.decisions.get(newState.decisions.size() - 1)));
  }

  private ReplyEffect<Event, State> onRollBack(State state, RollBack command) {
    int latest = state.current().version();
    if (command.toVersion() < 1 || command.toVersion() >= latest) {
      String range = latest < 2 ? "there is no earlier version to return to" : "versions 1.." + (latest - 1) + " can be restored";
      return Effect().reply(command.replyTo(), StatusReply.error("cannot roll back to version " + command.toVersion() + ": " + range));
    }
    String reason = command.reason() == null || command.reason().isBlank() ? "operator rollback" : command.reason();
    return Effect()
        .persist(new RolledBack(command.toVersion(), reason, clock.instant()))
        .thenReply(command.replyTo(), newState -> StatusReply.success(newState.current()));
  }

  private static void requireEvidence(Evidence evidence) {
    if (evidence == null) {
      throw new IllegalArgumentException("a decision needs its evidence");
    }
    if (!METHODS.contains(evidence.method())) {
      throw new IllegalArgumentException("method must be one of blend, promote, replace, was " + evidence.method());
    }
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(
            WeightsTuned.class,
            // the tuner parameters stay in the event; repeating them in every version would make snapshots large
            (state, event) -> state.withVersion(event.weights(), WeightsVersion.Change.TUNED, "tuned", event.at()))
        .onEvent(
            CandidatePromoted.class,
            (state, event) -> {
              State promoted =
                  state.withVersion(
                      event.weights(),
                      WeightsVersion.Change.PROMOTED,
                      event.evidence().method() + " of " + event.evidence().candidate(),
                      event.at());
              return promoted.withDecision(new Decision(true, promoted.current().version(), event.evidence(), "promoted", event.at()));
            })
        .onEvent(
            CandidateRejected.class,
            (state, event) -> state.withDecision(new Decision(false, state.current().version(), event.evidence(), event.reason(), event.at())))
        .onEvent(
            RolledBack.class,
            (state, event) ->
                state.withVersion(
                    state.version(event.toVersion()).weights(),
                    WeightsVersion.Change.ROLLED_BACK,
                    "rolled back to version " + event.toVersion() + ": " + event.reason(),
                    event.at()))
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  /** A promotion is a point an operator may want to return to quickly: snapshot it. */
  @Override
  public boolean shouldSnapshot(State state, Event event, long sequenceNr) {
    return event instanceof CandidatePromoted;
  }

  @Override
  public SnapshotAdapter<State> snapshotAdapter() {
    return new SnapshotAdapter<>() {
      @Override
      public Object toJournal(State state) {
        return state.packed();
      }

      @Override
      public State fromJournal(Object snapshot) {
        WeightsSnapshot stored = (WeightsSnapshot) snapshot;
        return new State(stored, TreePVector.empty(), TreePVector.from(stored.decisions()));
      }
    };
  }
}
