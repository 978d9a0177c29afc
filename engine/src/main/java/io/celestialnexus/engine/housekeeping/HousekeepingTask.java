package io.celestialnexus.engine.housekeeping;

import io.celestialnexus.engine.NodePaths;
import io.celestialnexus.engine.support.SettingsReader;
import io.celestialnexus.engine.task.Task;
import io.celestialnexus.engine.task.TaskContext;
import io.celestialnexus.engine.task.TaskSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the node's ground clean: makes sure {@code data/}, {@code reports/} and {@code logs/} exist and
 * removes stale lock and PID files from a configured list. A file is removed only when no live process owns
 * it: a PID file when its process is gone, a git {@code index.lock} when no git process works in that
 * repository, any other lock when no process holds it open. Every action is logged with the task name.
 */
public final class HousekeepingTask implements Task {

  public static final String NAME = "housekeeping";
  private static final Logger LOG = LoggerFactory.getLogger(HousekeepingTask.class);

  private final TaskSettings settings;
  private final NodePaths paths;
  private final List<Path> staleFiles;
  private final ProcessTable processes;

  public HousekeepingTask(TaskSettings settings, NodePaths paths, List<Path> staleFiles, ProcessTable processes) {
    this.settings = settings;
    this.paths = paths;
    this.staleFiles = List.copyOf(staleFiles);
    this.processes = processes;
  }

  /** Reads {@code stale-files} from the task's block; relative entries are resolved against the working directory. */
  public static HousekeepingTask fromConfig(TaskSettings settings, SettingsReader taskConfig, NodePaths paths) {
    List<Path> files =
        taskConfig.strings("stale-files").stream().map(name -> Path.of(name).toAbsolutePath().normalize()).toList();
    return new HousekeepingTask(settings, paths, files, new LiveProcessTable());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TaskSettings settings() {
    return settings;
  }

  @Override
  public Map<String, Object> step(TaskContext context) throws IOException {
    int created = 0;
    for (Path dir : List.of(paths.dataDir(), paths.reportsDir(), paths.logsDir())) {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        LOG.info("task {}: created missing directory {}", NAME, dir);
        created++;
      }
    }
    int removed = 0;
    int kept = 0;
    for (Path file : staleFiles) {
      if (!Files.exists(file)) {
        continue;
      }
      String owner = liveOwner(file);
      if (owner == null) {
        Files.deleteIfExists(file);
        LOG.info("task {}: removed stale {}", NAME, file);
        removed++;
      } else {
        LOG.debug("task {}: kept {} ({})", NAME, file, owner);
        kept++;
      }
    }
    return Map.of("dirsCreated", created, "staleRemoved", removed, "locksInUse", kept);
  }

  /** Who still owns {@code file}, or null when nobody does. */
  private String liveOwner(Path file) throws IOException {
    if (isGitIndexLock(file)) {
      Path repository = file.getParent().getParent();
      return processes.gitRunningIn(repository) ? "a git process works in " + repository : null;
    }
    OptionalLong pid = pidIn(file);
    if (pid.isPresent()) {
      return processes.isAlive(pid.getAsLong()) ? "process " + pid.getAsLong() + " is alive" : null;
    }
    return processes.anyHolds(file) ? "held open by a live process" : null;
  }

  private static boolean isGitIndexLock(Path file) {
    Path parent = file.getParent();
    return file.getFileName().toString().equals("index.lock")
        && parent != null
        && parent.getFileName() != null
        && parent.getFileName().toString().equals(".git");
  }

  /** The PID a PID file holds: its first line, when that is a number. */
  private static OptionalLong pidIn(Path file) throws IOException {
    if (Files.size(file) > 64) {
      return OptionalLong.empty();
    }
    String content = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).strip();
    String firstLine = content.lines().findFirst().orElse("");
    return firstLine.matches("\\d{1,10}") ? OptionalLong.of(Long.parseLong(firstLine)) : OptionalLong.empty();
  }
}
