package io.celestialnexus.engine;

import com.typesafe.config.Config;
import io.celestialnexus.engine.ssq.SsqSettings;
import io.celestialnexus.engine.status.StatusSettings;
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
    StatusSettings status,
    Duration drainTimeout,
    int timelineEvents,
    Duration askTimeout,
    SsqSettings ssq) {

  /** Reads the root config (it needs {@code nexus.data}, {@code nexus.logs} and {@code nexus.engine}). */
  public static EngineSettings fromConfig(Config root) {
    var engine = new SettingsReader(root, "nexus.engine");
    var tasks = new LinkedHashMap<String, TaskSettings>();
    var taskBlocks = engine.at("tasks");
    for (String name : taskBlocks.keys()) {
      tasks.put(name, TaskSettings.fromConfig(taskBlocks.at(name)));
    }
    var paths = NodePaths.fromConfig(root);
    return new EngineSettings(
        paths,
        TaskSettings.fromConfig(engine.at("task-defaults")),
        Map.copyOf(tasks),
        StatusSettings.fromConfig(engine, paths.reportsDir()),
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
