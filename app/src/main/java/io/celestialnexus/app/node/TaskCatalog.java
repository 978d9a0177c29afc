package io.celestialnexus.app.node;

import io.celestialnexus.engine.EngineSettings;
import io.celestialnexus.engine.housekeeping.HousekeepingTask;
import io.celestialnexus.engine.support.SettingsReader;
import io.celestialnexus.engine.task.Task;
import java.util.List;

/** The autonomous tasks a node runs, each built from its own settings block. */
public final class TaskCatalog {

  private TaskCatalog() {}

  public static List<Task> tasks(NodeSettings settings) {
    EngineSettings engine = settings.engine();
    return List.of(
        HousekeepingTask.fromConfig(
            engine.task(HousekeepingTask.NAME),
            new SettingsReader(settings.config(), "nexus.engine.tasks." + HousekeepingTask.NAME),
            engine.paths()));
  }
}
