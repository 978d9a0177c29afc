package io.celestialnexus.engine.task;

import java.util.ArrayDeque;
import java.util.List;

/** The newest {@code capacity} lifecycle events of one task, oldest first. Owned by its TaskKeeper; not thread-safe. */
final class Timeline {

  private final int capacity;
  private final ArrayDeque<LifecycleEvent> events;

  Timeline(int capacity) {
    this.capacity = capacity;
    this.events = new ArrayDeque<>(capacity);
  }

  void record(long at, LifecycleEvent.Type type, Long durationMillis, String detail) {
    if (events.size() == capacity) {
      events.removeFirst();
    }
    events.addLast(new LifecycleEvent(at, type, durationMillis, detail));
  }

  /** Events stamped strictly after {@code sinceMillis}, oldest first. */
  List<LifecycleEvent> since(long sinceMillis) {
    return events.stream().filter(event -> event.at() > sinceMillis).toList();
  }
}
