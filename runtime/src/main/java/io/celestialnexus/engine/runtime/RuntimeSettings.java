package io.celestialnexus.engine.runtime;

import com.typesafe.config.Config;
import io.celestialnexus.engine.status.StatusSettings;
import io.celestialnexus.engine.support.SettingsReader;
import io.celestialnexus.engine.task.TaskSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the runtime reads from {@code nexus.engine}, once, at startup: the task defaults and each task's block, the
 * status board's files and alerts, the drain timeout, the timeline's size and the ask timeout of the engine's
 * ports. The SSQ domain's keys under {@code nexus.engine.ssq} are the engine's own (EngineSettings composes both).
 * Invalid values fail here with a {@code ConfigException} naming the key.
 *
 * @param drainTimeout on shutdown, running steps get this long to finish
 * @param timelineEvents lifecycle events kept per task
 * @param askTimeout how long an edge waits for the engine's actors through a port
 */
public record RuntimeSettings(
    TaskSettings taskDefaults,
    Map<String, TaskSettings> tasks,
    StatusSettings status,
    Duration drainTimeout,
    int timelineEvents,
    Duration askTimeout) {

  /**
   * Reads {@code nexus.engine} from the root config; the status board keeps its files in {@code reportsDir}, which
   * is the node's layout to decide (NodePaths in the engine).
   */
  public static RuntimeSettings fromConfig(Config root, Path reportsDir) {
    var engine = new SettingsReader(root, "nexus.engine");
    var tasks = new LinkedHashMap<String, TaskSettings>();
    var taskBlocks = engine.at("tasks");
    for (String name : taskBlocks.keys()) {
      tasks.put(name, TaskSettings.fromConfig(taskBlocks.at(name)));
    }
    return new RuntimeSettings(
        TaskSettings.fromConfig(engine.at("task-defaults")),
        Map.copyOf(tasks),
        StatusSettings.fromConfig(engine, reportsDir),
        engine.positiveDuration("drain-timeout"),
        engine.at("timeline").integerAtLeast(1, "max-events"),
        engine.positiveDuration("ask-timeout"));
  }

  /** The settings of task {@code name}: its own block if configured, else the defaults. */
  public TaskSettings task(String name) {
    return tasks.getOrDefault(name, taskDefaults);
  }
}
