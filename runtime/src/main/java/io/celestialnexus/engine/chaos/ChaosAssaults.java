package io.celestialnexus.engine.chaos;

import io.celestialnexus.engine.task.UnknownTaskException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The book of chaos assaults: what operators injected, which are pending, which have acted and how. Shared
 * by the HTTP edge (inject, clear, list) and by every {@link ChaosTask} (which asks for its next assault at
 * the start of each step, on a step thread), hence synchronized. Keeps the newest {@code history} records.
 */
public final class ChaosAssaults {

  public static final String ASSAULTS_METRIC = "nexus.chaos.assaults";

  /** Pending and past assaults, oldest first. */
  public record Listing(List<AssaultRecord> pending, List<AssaultRecord> past) {}

  private final Set<String> tasks;
  private final int history;
  private final Clock clock;
  private final MeterRegistry registry;
  private final Deque<AssaultRecord> records = new ArrayDeque<>();
  private long nextId = 1;

  public ChaosAssaults(Set<String> tasks, int history, Clock clock, MeterRegistry registry) {
    this.tasks = Set.copyOf(tasks);
    this.history = history;
    this.clock = clock;
    this.registry = registry;
  }

  /** Queues an assault on {@code task}'s next steps; fails with UnknownTaskException for a task chaos does not wrap. */
  public synchronized AssaultRecord inject(String task, Assault assault) {
    requireKnown(task);
    var record =
        new AssaultRecord(
            nextId++, task, assault.kind(), assault.count(), assault.latencyMillis(), clock.millis(), 0, assault.count(),
            false, null, null);
    records.addLast(record);
    trim();
    return record;
  }

  /** Cancels every pending assault on {@code task}; answers how many there were. */
  public synchronized int clear(String task) {
    requireKnown(task);
    int cleared = 0;
    List<AssaultRecord> all = new ArrayList<>(records);
    records.clear();
    for (AssaultRecord record : all) {
      if (record.task().equals(task) && record.pending()) {
        records.addLast(record.clearedNow());
        cleared++;
      } else {
        records.addLast(record);
      }
    }
    return cleared;
  }

  public synchronized Listing list() {
    return new Listing(
        records.stream().filter(AssaultRecord::pending).toList(),
        records.stream().filter(record -> !record.pending()).toList());
  }

  /** Called as a step starts: the assault to apply to it, if one is pending (the oldest first). */
  synchronized Optional<AssaultRecord> fire(String task) {
    for (AssaultRecord record : List.copyOf(records)) {
      if (record.task().equals(task) && record.pending()) {
        AssaultRecord fired = record.firedAt(clock.millis());
        replace(record, fired);
        Counter.builder(ASSAULTS_METRIC)
            .description("Chaos assaults that acted on a task's step, by task and kind")
            .tags("task", task, "assault", record.assault().name().toLowerCase(Locale.ROOT))
            .register(registry)
            .increment();
        return Optional.of(fired);
      }
    }
    return Optional.empty();
  }

  /** Notes what an assault did when it acted (a hang's end, for instance). */
  synchronized void outcome(long id, String outcome) {
    for (AssaultRecord record : List.copyOf(records)) {
      if (record.id() == id) {
        replace(record, record.withOutcome(outcome));
      }
    }
  }

  public Set<String> tasks() {
    return tasks;
  }

  private void replace(AssaultRecord old, AssaultRecord updated) {
    List<AssaultRecord> all = new ArrayList<>(records);
    all.set(all.indexOf(old), updated);
    records.clear();
    records.addAll(all);
  }

  private void requireKnown(String task) {
    if (!tasks.contains(task)) {
      throw new UnknownTaskException(task);
    }
  }

  private void trim() {
    while (records.size() > history) {
      records.removeFirst();
    }
  }
}
