package io.celestialnexus.engine;

import static io.celestialnexus.engine.support.ConfigChecks.atLeast;
import static io.celestialnexus.engine.support.ConfigChecks.positive;

import com.typesafe.config.Config;
import io.celestialnexus.engine.task.TaskSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the engine reads from {@code nexus.engine} (and the node paths), read once at startup.
 * Invalid values fail here with a {@code ConfigException} naming the key.
 */
public record EngineSettings(
    NodePaths paths,
    TaskSettings taskDefaults,
    Map<String, TaskSettings> tasks,
    StatusFileSettings statusFile,
    AlertSettings alerts,
    Duration drainTimeout) {

  /** How often {@code reports/status.json} is rewritten. */
  public record StatusFileSettings(Duration minInterval, Duration refreshInterval) {}

  /** Restart-storm threshold and how many alerts {@code reports/alerts.json} keeps. */
  public record AlertSettings(int stormRestarts, Duration stormWindow, int maxEntries) {}

  /** Reads the root config (it needs {@code nexus.data}, {@code nexus.logs} and {@code nexus.engine}). */
  public static EngineSettings fromConfig(Config root) {
    Config engine = root.getConfig("nexus.engine");
    var tasks = new LinkedHashMap<String, TaskSettings>();
    Config taskBlocks = engine.getConfig("tasks");
    for (String name : taskBlocks.root().keySet()) {
      tasks.put(name, TaskSettings.fromConfig(taskBlocks.getConfig(name), "nexus.engine.tasks." + name));
    }
    Config statusFile = engine.getConfig("status-file");
    Config alerts = engine.getConfig("alerts");
    return new EngineSettings(
            NodePaths.fromConfig(root),
            TaskSettings.fromConfig(engine.getConfig("task-defaults"), "nexus.engine.task-defaults"),
            Map.copyOf(tasks),
            new StatusFileSettings(
                positive(statusFile.getDuration("min-interval"), "nexus.engine.status-file.min-interval"),
                positive(statusFile.getDuration("refresh-interval"), "nexus.engine.status-file.refresh-interval")),
            new AlertSettings(
                atLeast(1, alerts.getInt("storm-restarts"), "nexus.engine.alerts.storm-restarts"),
                positive(alerts.getDuration("storm-window"), "nexus.engine.alerts.storm-window"),
                atLeast(1, alerts.getInt("max-entries"), "nexus.engine.alerts.max-entries")),
            positive(engine.getDuration("drain-timeout"), "nexus.engine.drain-timeout"));
  }

  /** The settings of task {@code name}: its own block if configured, else the defaults. */
  public TaskSettings task(String name) {
    return tasks.getOrDefault(name, taskDefaults);
  }
}
