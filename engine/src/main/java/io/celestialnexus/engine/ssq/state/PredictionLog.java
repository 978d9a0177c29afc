package io.celestialnexus.engine.ssq.state;

import io.celestialnexus.persistence.CborSerializable;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
import org.pcollections.TreePMap;

/**
 * The {@code predictions} entity: per issue, the prediction made before the draw (with the weights version
 * used), its review once the draw is known, or the reason it was skipped.
 *
 * <p>Honest by construction: the first prediction recorded for an issue stands (a second one is answered with
 * the first, unchanged), a review needs a prediction, and neither can follow a skip. Lifecycle and failure as
 * {@link DrawHistory}: replays on start, restarts with the {@link StateSettings} backoff on a journal failure,
 * answers a change only once its event is stored.
 */
public final class PredictionLog
    extends EventSourcedBehaviorWithEnforcedReplies<PredictionLog.Command, PredictionLog.Event, PredictionLog.State> {

  public static final String ENTITY_TYPE = "PredictionLog";
  /** The id of the SSQ cycle's log. */
  public static final String SSQ = "ssq";

  public sealed interface Command extends CborSerializable {}

  public record RecordPrediction(Prediction prediction, ActorRef<StatusReply<IssueRecord>> replyTo) implements Command {}

  public record RecordReview(Review review, ActorRef<StatusReply<IssueRecord>> replyTo) implements Command {}

  /**
   * Catching up on draws already known: each outcome's prediction (made from the draws before it only) and its
   * review, stored in one write, in order. An issue already predicted keeps its prediction and gets the review;
   * one already reviewed the same way, or skipped, is left alone. Answers how many events were stored; a review
   * that contradicts a stored one fails the whole batch.
   */
  public record RecordOutcomes(List<Outcome> outcomes, ActorRef<StatusReply<Integer>> replyTo) implements Command {}

  /** A prediction and its review, for {@link RecordOutcomes}. */
  public record Outcome(Prediction prediction, Review review) implements CborSerializable {
    public Outcome {
      if (prediction == null || review == null || prediction.issue() != review.issue()) {
        throw new IllegalArgumentException("an outcome needs a prediction and a review of the same issue");
      }
    }
  }

  /** The issue will not be predicted or reviewed (e.g. it exhausted its attempts). */
  public record SkipIssue(int issue, String reason, ActorRef<StatusReply<IssueRecord>> replyTo) implements Command {}

  public record GetIssue(int issue, ActorRef<IssueLookup> replyTo) implements Command {}

  /** The record of the highest issue. */
  public record GetLatest(ActorRef<IssueLookup> replyTo) implements Command {}

  /** A record, if there is one. */
  public record IssueLookup(Optional<IssueRecord> record) implements CborSerializable {}

  /** Records from {@code fromIssue} on, oldest first, at most {@code limit}. */
  public record GetIssues(int fromIssue, int limit, ActorRef<IssueRecords> replyTo) implements Command {}

  public record IssueRecords(int total, List<IssueRecord> records) implements CborSerializable {}

  public sealed interface Event extends CborSerializable {}

  public record PredictionMade(Prediction prediction, Instant at) implements Event {}

  public record PredictionReviewed(Review review, Instant at) implements Event {}

  public record IssueSkipped(int issue, String reason, Instant at) implements Event {}

  /** Records by issue, in a persistent sorted map. */
  public static final class State {
    private final TreePMap<Integer, IssueRecord> records;

    State(TreePMap<Integer, IssueRecord> records) {
      this.records = records;
    }

    Optional<IssueRecord> get(int issue) {
      return Optional.ofNullable(records.get(issue));
    }

    State with(IssueRecord record) {
      return new State(records.plus(record.issue(), record));
    }

    Optional<IssueRecord> latest() {
      return records.isEmpty() ? Optional.empty() : Optional.of(records.lastEntry().getValue());
    }

    List<IssueRecord> from(int issue, int limit) {
      return records.tailMap(issue, true).values().stream().limit(Math.max(0, limit)).toList();
    }
  }

  public record Snapshot(List<IssueRecord> records) implements CborSerializable {}

  private final Clock clock;

  private PredictionLog(PersistenceId id, StateSettings settings, Clock clock) {
    super(id, settings.journalBackoff());
    this.clock = clock;
  }

  public static Behavior<Command> create(String id, StateSettings settings, Clock clock) {
    return Behaviors.setup(context -> new PredictionLog(PersistenceId.of(ENTITY_TYPE, id), settings, clock));
  }

  @Override
  public State emptyState() {
    return new State(TreePMap.empty());
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(RecordPrediction.class, this::onRecordPrediction)
        .onCommand(RecordReview.class, this::onRecordReview)
        .onCommand(RecordOutcomes.class, this::onRecordOutcomes)
        .onCommand(SkipIssue.class, this::onSkip)
        .onCommand(GetIssue.class, (state, query) -> Effect().reply(query.replyTo(), new IssueLookup(state.get(query.issue()))))
        .onCommand(GetLatest.class, (state, query) -> Effect().reply(query.replyTo(), new IssueLookup(state.latest())))
        .onCommand(
            GetIssues.class,
            (state, query) -> Effect().reply(query.replyTo(), new IssueRecords(state.records.size(), state.from(query.fromIssue(), query.limit()))))
        .build();
  }

  private ReplyEffect<Event, State> onRecordPrediction(State state, RecordPrediction command) {
    int issue = command.prediction().issue();
    Optional<IssueRecord> held = state.get(issue);
    if (held.isPresent() && held.get().status() == IssueRecord.Status.SKIPPED) {
      return Effect().reply(command.replyTo(), StatusReply.error("issue " + issue + " was skipped: " + held.get().skipReason()));
    }
    if (held.isPresent()) {
      return Effect().reply(command.replyTo(), StatusReply.success(held.get()));
    }
    return Effect()
        .persist(new PredictionMade(command.prediction(), clock.instant()))
        .thenReply(command.replyTo(), newState -> StatusReply.success(newState.get(issue).orElseThrow()));
  }

  private ReplyEffect<Event, State> onRecordReview(State state, RecordReview command) {
    Review review = command.review();
    Optional<IssueRecord> held = state.get(review.issue());
    if (held.isEmpty() || held.get().prediction() == null) {
      return Effect().reply(command.replyTo(), StatusReply.error("issue " + review.issue() + " has no prediction to review"));
    }
    switch (held.get().status()) {
      case SKIPPED:
        return Effect().reply(command.replyTo(), StatusReply.error("issue " + review.issue() + " was skipped: " + held.get().skipReason()));
      case REVIEWED:
        return held.get().review().equals(review)
            ? Effect().reply(command.replyTo(), StatusReply.success(held.get()))
            : Effect().reply(command.replyTo(), StatusReply.error("issue " + review.issue() + " is already reviewed with another score"));
      default:
        return Effect()
            .persist(new PredictionReviewed(review, clock.instant()))
            .thenReply(command.replyTo(), newState -> StatusReply.success(newState.get(review.issue()).orElseThrow()));
    }
  }

  private ReplyEffect<Event, State> onRecordOutcomes(State state, RecordOutcomes command) {
    List<Event> events = new java.util.ArrayList<>();
    Instant now = clock.instant();
    for (Outcome outcome : command.outcomes()) {
      int issue = outcome.review().issue();
      Optional<IssueRecord> held = state.get(issue);
      if (held.isEmpty()) {
        events.add(new PredictionMade(outcome.prediction(), now));
        events.add(new PredictionReviewed(outcome.review(), now));
      } else if (held.get().status() == IssueRecord.Status.PREDICTED) {
        events.add(new PredictionReviewed(outcome.review(), now));
      } else if (held.get().status() == IssueRecord.Status.REVIEWED && !held.get().review().equals(outcome.review())) {
        return Effect().reply(command.replyTo(), StatusReply.error("issue " + issue + " is already reviewed with another score"));
      }
    }
    int stored = events.size();
    return Effect().persist(events).thenReply(command.replyTo(), newState -> StatusReply.success(stored));
  }

  private ReplyEffect<Event, State> onSkip(State state, SkipIssue command) {
    Optional<IssueRecord> held = state.get(command.issue());
    if (held.isPresent() && held.get().status() == IssueRecord.Status.REVIEWED) {
      return Effect().reply(command.replyTo(), StatusReply.error("issue " + command.issue() + " is already reviewed"));
    }
    if (held.isPresent() && held.get().status() == IssueRecord.Status.SKIPPED) {
      return Effect().reply(command.replyTo(), StatusReply.success(held.get()));
    }
    if (command.reason() == null || command.reason().isBlank()) {
      return Effect().reply(command.replyTo(), StatusReply.error("a skip needs a reason"));
    }
    return Effect()
        .persist(new IssueSkipped(command.issue(), command.reason(), clock.instant()))
        .thenReply(command.replyTo(), newState -> StatusReply.success(newState.get(command.issue()).orElseThrow()));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(PredictionMade.class, (state, event) -> state.with(IssueRecord.predicted(event.prediction(), event.at())))
        .onEvent(
            PredictionReviewed.class,
            (state, event) -> state.with(state.get(event.review().issue()).orElseThrow().reviewed(event.review(), event.at())))
        .onEvent(
            IssueSkipped.class,
            (state, event) ->
                state.with(
                    state
                        .get(event.issue())
                        .orElse(new IssueRecord(event.issue(), null, null, null, null, null, null))
                        .skipped(event.reason(), event.at())))
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public SnapshotAdapter<State> snapshotAdapter() {
    return new SnapshotAdapter<>() {
      @Override
      public Object toJournal(State state) {
        return new Snapshot(List.copyOf(state.records.values()));
      }

      @Override
      public State fromJournal(Object snapshot) {
        TreePMap<Integer, IssueRecord> records = TreePMap.empty();
        for (IssueRecord record : ((Snapshot) snapshot).records()) {
          records = records.plus(record.issue(), record);
        }
        return new State(records);
      }
    };
  }
}
