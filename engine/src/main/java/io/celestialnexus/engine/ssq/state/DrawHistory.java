package io.celestialnexus.engine.ssq.state;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.persistence.CborSerializable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.pcollections.TreePMap;

/**
 * The {@code draws} entity: every SSQ draw the node knows, by issue, event-sourced.
 *
 * <p>Recording is idempotent: a draw already held with the same date and numbers changes nothing, and one that
 * differs from what the journal holds is a conflict that is never applied (the journal wins; an explicit
 * {@link CorrectDraw} with a reason changes a draw). Draws that are new are published on the {@link DrawsAdded}
 * topic after they are stored, which is how a new draw wakes whoever waits for one (the cycle subscribes with
 * {@code Topic.subscribe}); the topic is a wake-up call, the journal stays the truth.
 *
 * <p>Lifecycle: one instance per history (id {@link #SSQ}); it replays its snapshot and later events on start.
 * A journal failure stops it and it restarts after the backoff of {@link StateSettings} (commands sent
 * meanwhile are stashed); a command whose events were not stored is never answered, so nothing unacknowledged
 * is ever reported as recorded.
 */
public final class DrawHistory
    extends EventSourcedBehaviorWithEnforcedReplies<DrawHistory.Command, DrawHistory.Event, DrawHistory.State> {

  /** Not sharded (the node holds one history), so a plain type name instead of a sharding EntityTypeKey. */
  public static final String ENTITY_TYPE = "DrawHistory";
  /** The id of the one SSQ history. */
  public static final String SSQ = "ssq";
  /** Name of the topic new draws are published on. */
  public static final String TOPIC = "ssq-draws-added";

  public sealed interface Command extends CborSerializable {}

  /**
   * Records {@code draws} (from {@code source}). With {@code allOrNothing}, one conflict means nothing is
   * recorded; otherwise the new draws are recorded and conflicts reported.
   */
  public record RecordDraws(List<Draw> draws, String source, boolean allOrNothing, ActorRef<Recorded> replyTo)
      implements Command {}

  /** Replaces the numbers or date of a recorded draw, saying why. */
  public record CorrectDraw(Draw corrected, String reason, ActorRef<StatusReply<RecordedDraw>> replyTo) implements Command {}

  /** A page of the history, newest first. */
  public record GetPage(int offset, int limit, ActorRef<DrawPage> replyTo) implements Command {}

  /** One draw by issue. */
  public record GetDraw(int issue, ActorRef<DrawLookup> replyTo) implements Command {}

  /** The whole history, oldest first. */
  public record GetAll(ActorRef<AllDraws> replyTo) implements Command {}

  /** What a {@link RecordDraws} did: draws added, issues already held as they are, conflicts. */
  public record Recorded(List<Draw> added, List<Integer> unchanged, List<Conflict> conflicts, boolean applied)
      implements CborSerializable {}

  /** A draw that differs from the one the history holds for its issue. */
  public record Conflict(int issue, String reason) implements CborSerializable {}

  /** The draw of {@code issue}, if the history holds one. */
  public record DrawLookup(int issue, Optional<RecordedDraw> draw) implements CborSerializable {}

  public record DrawPage(int total, int offset, int limit, List<RecordedDraw> draws) implements CborSerializable {}

  public record AllDraws(List<Draw> draws) implements CborSerializable {}

  /** Published on {@link #TOPIC} once new draws are stored (oldest first). */
  public record DrawsAdded(List<Draw> draws) implements CborSerializable {}

  public sealed interface Event extends CborSerializable {}

  /** Version 2 added {@code source}; {@link DrawRecordedMigration} fills it in for version-1 events. */
  public record DrawRecorded(Draw draw, String source) implements Event {
    public DrawRecorded {
      Objects.requireNonNull(draw, "draw");
      Objects.requireNonNull(source, "source");
    }
  }

  public record DrawCorrected(Draw previous, Draw corrected, String reason, Instant at) implements Event {}

  /** Draws by issue; a persistent map, so recording one draw does not copy the history. */
  public static final class State {
    private final TreePMap<Integer, RecordedDraw> draws;

    State(TreePMap<Integer, RecordedDraw> draws) {
      this.draws = draws;
    }

    State with(RecordedDraw draw) {
      return new State(draws.plus(draw.draw().issue(), draw));
    }

    Optional<RecordedDraw> get(int issue) {
      return Optional.ofNullable(draws.get(issue));
    }

    public int size() {
      return draws.size();
    }

    List<RecordedDraw> newestFirst(int offset, int limit) {
      return draws.descendingMap().values().stream().skip(offset).limit(limit).toList();
    }

    List<Draw> oldestFirst() {
      return draws.values().stream().map(RecordedDraw::draw).toList();
    }
  }

  /** What a snapshot holds: the draws, oldest first. */
  public record Snapshot(List<RecordedDraw> draws) implements CborSerializable {}

  private final Clock clock;
  private final ActorRef<Topic.Command<DrawsAdded>> topic;

  private DrawHistory(PersistenceId id, StateSettings settings, Clock clock, ActorRef<Topic.Command<DrawsAdded>> topic) {
    super(id, settings.journalBackoff());
    this.clock = clock;
    this.topic = topic;
  }

  /** The history {@code id}, publishing new draws on {@code topic}. */
  public static Behavior<Command> create(
      String id, StateSettings settings, Clock clock, ActorRef<Topic.Command<DrawsAdded>> topic) {
    return Behaviors.setup(context -> new DrawHistory(PersistenceId.of(ENTITY_TYPE, id), settings, clock, topic));
  }

  /** The topic actor for {@link DrawsAdded}; spawn it once per node. */
  public static Behavior<Topic.Command<DrawsAdded>> topic() {
    return Topic.create(DrawsAdded.class, TOPIC);
  }

  @Override
  public State emptyState() {
    return new State(TreePMap.empty());
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(RecordDraws.class, this::onRecordDraws)
        .onCommand(CorrectDraw.class, this::onCorrectDraw)
        .onCommand(GetPage.class, this::onGetPage)
        .onCommand(GetDraw.class, (state, query) -> Effect().reply(query.replyTo(), new DrawLookup(query.issue(), state.get(query.issue()))))
        .onCommand(GetAll.class, (state, query) -> Effect().reply(query.replyTo(), new AllDraws(state.oldestFirst())))
        .build();
  }

  private ReplyEffect<Event, State> onRecordDraws(State state, RecordDraws command) {
    List<Draw> added = new ArrayList<>();
    List<Integer> unchanged = new ArrayList<>();
    List<Conflict> conflicts = new ArrayList<>();
    Map<Integer, Draw> inThisBatch = new HashMap<>();
    for (Draw draw : command.draws()) {
      Draw held = state.get(draw.issue()).map(RecordedDraw::draw).orElse(inThisBatch.get(draw.issue()));
      if (held == null) {
        added.add(draw);
        inThisBatch.put(draw.issue(), draw);
      } else if (held.sameNumbers(draw) && held.date().equals(draw.date())) {
        unchanged.add(draw.issue());
      } else {
        conflicts.add(new Conflict(draw.issue(), "issue " + draw.issue() + " is recorded as " + describe(held) + ", not " + describe(draw)));
      }
    }
    if (added.isEmpty() || (command.allOrNothing() && !conflicts.isEmpty())) {
      return Effect().reply(command.replyTo(), new Recorded(List.of(), List.copyOf(unchanged), List.copyOf(conflicts), conflicts.isEmpty()));
    }
    List<Event> events = added.stream().<Event>map(draw -> new DrawRecorded(draw, command.source())).toList();
    List<Draw> stored = List.copyOf(added);
    return Effect()
        .persist(events)
        .thenRun(newState -> topic.tell(Topic.publish(new DrawsAdded(stored))))
        .thenReply(command.replyTo(), newState -> new Recorded(stored, List.copyOf(unchanged), List.copyOf(conflicts), true));
  }

  private ReplyEffect<Event, State> onCorrectDraw(State state, CorrectDraw command) {
    Draw corrected = command.corrected();
    Optional<RecordedDraw> held = state.get(corrected.issue());
    if (held.isEmpty()) {
      return Effect().reply(command.replyTo(), StatusReply.error("issue " + corrected.issue() + " is not recorded; add it instead"));
    }
    if (command.reason() == null || command.reason().isBlank()) {
      return Effect().reply(command.replyTo(), StatusReply.error("a correction needs a reason"));
    }
    Draw previous = held.get().draw();
    if (previous.equals(corrected)) {
      return Effect().reply(command.replyTo(), StatusReply.success(held.get()));
    }
    return Effect()
        .persist(new DrawCorrected(previous, corrected, command.reason(), clock.instant()))
        .thenReply(command.replyTo(), newState -> StatusReply.success(newState.get(corrected.issue()).orElseThrow()));
  }

  private ReplyEffect<Event, State> onGetPage(State state, GetPage query) {
    int offset = Math.max(0, query.offset());
    int limit = Math.max(0, query.limit());
    return Effect().reply(query.replyTo(), new DrawPage(state.size(), offset, limit, state.newestFirst(offset, limit)));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(DrawRecorded.class, (state, event) -> state.with(new RecordedDraw(event.draw(), event.source())))
        .onEvent(
            DrawCorrected.class,
            (state, event) -> {
              String source = state.get(event.corrected().issue()).map(RecordedDraw::source).orElse("correction");
              return state.with(new RecordedDraw(event.corrected(), source));
            })
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
        return new Snapshot(List.copyOf(state.draws.values()));
      }

      @Override
      public State fromJournal(Object snapshot) {
        TreePMap<Integer, RecordedDraw> draws = TreePMap.empty();
        for (RecordedDraw draw : ((Snapshot) snapshot).draws()) {
          draws = draws.plus(draw.draw().issue(), draw);
        }
        return new State(draws);
      }
    };
  }

  private static String describe(Draw draw) {
    return draw.date() + " " + draw.reds() + " + " + draw.blue();
  }
}
