package io.celestialnexus.engine;

import com.typesafe.config.Config;
import io.celestialnexus.engine.ssq.SsqSettings;
import io.celestialnexus.engine.support.SettingsReader;
import io.celestialnexus.engine.task.TaskSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the engine reads from {@code nexus.engine} (and the node paths), read once at startup, the
 * prediction domain's {@code nexus.engine.ssq} included.
 * Invalid values fail here with a {@code ConfigException} naming the key.
 */
public record EngineSettings(
    NodePaths paths,
    TaskSettings taskDefaults,
    Map<String, TaskSettings> tasks,
    StatusFileSettings statusFile,
    AlertSettings alerts,
    Duration drainTimeout,
    int timelineEvents,
    Duration askTimeout,
    SsqSettings ssq) {

  /** How often {@code reports/status.json} is rewritten. */
  public record StatusFileSettings(Duration minInterval, Duration refreshInterval) {}

  /** Restart-storm threshold and how many alerts {@code reports/alerts.json} keeps. */
  public record AlertSettings(int stormRestarts, Duration stormWindow, int maxEntries) {}

  /** Reads the root config (it needs {@code nexus.data}, {@code nexus.logs} and {@code nexus.engine}). */
  public static EngineSettings fromConfig(Config root) {
    var engine = new SettingsReader(root, "nexus.engine");
    var tasks = new LinkedHashMap<String, TaskSettings>();
    var taskBlocks = engine.at("tasks");
    for (String name : taskBlocks.keys()) {
      tasks.put(name, TaskSettings.fromConfig(taskBlocks.at(name)));
    }
    var statusFile = engine.at("status-file");
    var alerts = engine.at("alerts");
    return new EngineSettings(
        NodePaths.fromConfig(root),
        TaskSettings.fromConfig(engine.at("task-defaults")),
        Map.copyOf(tasks),
        new StatusFileSettings(statusFile.positiveDuration("min-interval"), statusFile.positiveDuration("refresh-interval")),
        new AlertSettings(
            alerts.integerAtLeast(1, "storm-restarts"), alerts.positiveDuration("storm-window"), alerts.integerAtLeast(1, "max-entries")),
        engine.positiveDuration("drain-timeout"),
        engine.at("timeline").integerAtLeast(1, "max-events"),
        engine.positiveDuration("ask-timeout"),
        SsqSettings.fromConfig(engine.at("ssq")));
  }

  /** The settings of task {@code name}: its own block if configured, else the defaults. */
  public TaskSettings task(String name) {
    return tasks.getOrDefault(name, taskDefaults);
  }
}
