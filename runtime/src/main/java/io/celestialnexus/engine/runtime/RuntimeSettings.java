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
 * @param lifecycle how long a node's start and stop wait for each of their steps
 */
public record RuntimeSettings(
    TaskSettings taskDefaults,
    Map<String, TaskSettings> tasks,
    StatusSettings status,
    Duration drainTimeout,
    int timelineEvents,
    Duration askTimeout,
    Lifecycle lifecycle) {

  /**
   * The waits of a node's start and stop ({@code nexus.engine.lifecycle}).
   *
   * @param bindTimeout how long a start waits for a listener to bind before it gives up
   * @param drainGrace beyond {@code drain-timeout}, how long a stop waits for tasks and phones to say they drained
   * @param finalStatusTimeout how long a stop waits for the final {@code status.json}
   * @param terminateTimeout how long the process waits for the actor system to terminate
   */
  public record Lifecycle(Duration bindTimeout, Duration drainGrace, Duration finalStatusTimeout, Duration terminateTimeout) {

    static Lifecycle fromConfig(SettingsReader lifecycle) {
      return new Lifecycle(
          lifecycle.positiveDuration("bind-timeout"),
          lifecycle.positiveDuration("drain-grace"),
          lifecycle.positiveDuration("final-status-timeout"),
          lifecycle.positiveDuration("terminate-timeout"));
    }
  }

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
        engine.positiveDuration("ask-timeout"),
        Lifecycle.fromConfig(engine.at("lifecycle")));
  }

  /** The settings of task {@code name}: its own block if configured, else the defaults. */
  public TaskSettings task(String name) {
    return tasks.getOrDefault(name, taskDefaults);
  }
}
