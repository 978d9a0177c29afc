package io.celestialnexus.engine.backup;

import io.celestialnexus.engine.task.Task;
import io.celestialnexus.engine.task.TaskContext;
import io.celestialnexus.engine.task.TaskSettings;
import io.celestialnexus.persistence.JournalBackups;
import io.celestialnexus.persistence.StorageSettings;
import io.celestialnexus.persistence.backup.BackupManifest;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code backup} task: every {@code nexus.backup.every} it writes a consistent backup of the journal (see
 * {@link JournalBackups}) to {@code nexus.backup.dir} as {@code nexus-<UTC time>.jsonl.gz} (whole: a temp file moved
 * into place), then keeps the newest {@code keep}. A failed backup fails the step, is retried with the task's backoff
 * and raises a {@code TASK_FAILED} alert. {@code nexus_backup_age_seconds} is the age of the newest backup on disk (or,
 * while there is none, the node's uptime), so an overdue backup shows whatever the reason.
 */
public final class BackupTask implements Task, MeterBinder {

  public static final String NAME = "backup";
  static final String PREFIX = "nexus-";
  static final String SUFFIX = ".jsonl.gz";
  private static final Logger LOG = LoggerFactory.getLogger(BackupTask.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final TaskSettings task;
  private final BackupSettings settings;
  private final StorageSettings storage;
  private final String nexusVersion;
  private final Clock clock;
  private final Instant started;

  public BackupTask(TaskSettings task, BackupSettings settings, StorageSettings storage, String nexusVersion, Clock clock) {
    this.task = task;
    this.settings = settings;
    this.storage = storage;
    this.nexusVersion = nexusVersion;
    this.clock = clock;
    this.started = clock.instant();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TaskSettings settings() {
    return task;
  }

  @Override
  public boolean alertsOnFailure() {
    return true;
  }

  @Override
  public Map<String, Object> step(TaskContext context) throws IOException, SQLException {
    Files.createDirectories(settings.dir());
    Instant at = clock.instant();
    Path file = settings.dir().resolve(PREFIX + STAMP.format(at) + SUFFIX);
    Path partial = settings.dir().resolve(file.getFileName() + ".partial");
    BackupManifest manifest;
    try (OutputStream out = Files.newOutputStream(partial)) {
      manifest = JournalBackups.backup(storage, nexusVersion, clock, out);
    } catch (IOException | SQLException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    List<Path> removed = prune();
    LOG.info("backup written to {}: {}; {} older backup(s) removed", file, manifest.summary(), removed.size());
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("file", file.toString());
    fields.put("events", manifest.rows("event_journal"));
    fields.put("snapshots", manifest.rows("snapshot"));
    fields.put("bytes", Files.size(file));
    fields.put("kept", settings.keep());
    return fields;
  }

  /** Deletes all but the newest {@code keep} backups; answers what it deleted. */
  private List<Path> prune() throws IOException {
    List<Path> backups = backups();
    List<Path> old = backups.subList(0, Math.max(0, backups.size() - settings.keep()));
    for (Path path : old) {
      Files.deleteIfExists(path);
    }
    return List.copyOf(old);
  }

  /** The backups in the directory, oldest first (their names sort by time). */
  private List<Path> backups() throws IOException {
    if (!Files.isDirectory(settings.dir())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(settings.dir())) {
      return files
          .filter(path -> path.getFileName().toString().startsWith(PREFIX) && path.getFileName().toString().endsWith(SUFFIX))
          .sorted(Comparator.comparing(path -> path.getFileName().toString()))
          .toList();
    }
  }

  /** Seconds since the newest backup was written; the node's uptime while there is none. */
  double ageSeconds() {
    Instant now = clock.instant();
    Instant newest = started;
    try {
      List<Path> backups = backups();
      if (!backups.isEmpty()) {
        newest = Optional.of(Files.getLastModifiedTime(backups.get(backups.size() - 1))).map(FileTime::toInstant).orElse(started);
      }
    } catch (IOException e) {
      LOG.debug("cannot list {}: {}", settings.dir(), e.toString());
    }
    return Duration.between(newest, now).toMillis() / 1000.0;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("nexus.backup.age", this, BackupTask::ageSeconds)
        .baseUnit("seconds")
        .description("Age of the newest journal backup on disk (the node's uptime while there is none)")
        .register(registry);
  }
}
