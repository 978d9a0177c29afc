package io.celestialnexus.engine.storage;

import io.celestialnexus.engine.ssq.state.StateSettings;
import io.celestialnexus.persistence.CborSerializable;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * An entity whose only job is to write: each {@link Probe} persists one {@link Probed} event through the same journal
 * plugin (pool, circuit breaker, backoff) as the entities that hold what the node learned, and answers once the
 * journal confirmed it. {@link JournalProbe} asks it to tell readiness whether writes go through right now, not
 * only whether the database answers a connection check. Every 100th event a snapshot is taken and older events are
 * deleted, so the probe's share of the journal stays a few rows.
 */
public final class JournalProbeEntity extends EventSourcedBehaviorWithEnforcedReplies<JournalProbeEntity.Command, JournalProbeEntity.Probed, JournalProbeEntity.Count> {

  public static final String ENTITY_TYPE = "journal-probe";

  public sealed interface Command extends CborSerializable {}

  /** Write one event; {@code replyTo} gets Done once it is stored. */
  public record Probe(ActorRef<Done> replyTo) implements Command {}

  public record Probed(long at) implements CborSerializable {}

  /** Probes written so far (the state, and the snapshot). */
  public record Count(long probes) implements CborSerializable {}

  private JournalProbeEntity(PersistenceId id, StateSettings settings) {
    super(id, settings.journalBackoff());
  }

  /** The node's probe, {@code journal-probe|node}. */
  public static Behavior<Command> create(StateSettings settings) {
    return new JournalProbeEntity(PersistenceId.of(ENTITY_TYPE, "node"), settings);
  }

  @Override
  public Count emptyState() {
    return new Count(0);
  }

  @Override
  public CommandHandlerWithReply<Command, Probed, Count> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Probe.class, probe -> Effect().persist(new Probed(System.currentTimeMillis())).thenReply(probe.replyTo(), state -> Done.getInstance()))
        .build();
  }

  @Override
  public EventHandler<Count, Probed> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent((state, event) -> new Count(state.probes() + 1));
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 1).withDeleteEventsOnSnapshot();
  }
}
