package io.celestialnexus.bridge.device;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Screenshots asked for and not answered yet: the ids still to be taken (in the order asked) and who waits for each
 * ({@code W}, the actor's reply target). An id handed to a round is no longer to be taken but still awaited.
 * Plain and single-threaded; the {@link DeviceActor} owns it and keeps each request's deadline timer.
 */
final class PendingScreenshots<W> {

  private final Deque<Long> toTake = new ArrayDeque<>();
  private final Map<Long, W> waiting = new LinkedHashMap<>();
  private long lastId;

  /** A new request; returns its id. */
  long add(W waiter) {
    long id = ++lastId;
    toTake.add(id);
    waiting.put(id, waiter);
    return id;
  }

  /** The oldest request not yet handed to a round, now handed out; empty when none waits. */
  OptionalLong takeNext() {
    Long id = toTake.poll();
    return id == null ? OptionalLong.empty() : OptionalLong.of(id);
  }

  /** Screenshot {@code id} was taken: who waits for it, if anyone still does. */
  Optional<W> taken(long id) {
    return Optional.ofNullable(waiting.remove(id));
  }

  /** Request {@code id} ran out of time: it is not taken any more, and who waited (if anyone) is returned. */
  Optional<W> expired(long id) {
    toTake.remove(id);
    return Optional.ofNullable(waiting.remove(id));
  }

  /** The phone's round died: every request is dropped; returns who waited, by id. */
  Map<Long, W> abandonAll() {
    var abandoned = new LinkedHashMap<>(waiting);
    toTake.clear();
    waiting.clear();
    return abandoned;
  }
}
