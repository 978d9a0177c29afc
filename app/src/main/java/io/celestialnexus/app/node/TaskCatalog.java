package io.celestialnexus.app.node;

import io.celestialnexus.app.cli.NexusVersion;
import io.celestialnexus.engine.EngineSettings;
import io.celestialnexus.engine.backup.BackupSettings;
import io.celestialnexus.engine.backup.BackupTask;
import io.celestialnexus.engine.housekeeping.HousekeepingTask;
import io.celestialnexus.engine.ssq.intake.DrawIntakeTask;
import io.celestialnexus.engine.ssq.intake.IntakeSettings;
import io.celestialnexus.engine.ssq.loop.PredictionLoop;
import io.celestialnexus.engine.ssq.strategy.StrategyCatalog;
import io.celestialnexus.engine.support.SettingsReader;
import io.celestialnexus.engine.task.Schedule;
import io.celestialnexus.engine.task.Task;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The autonomous tasks a node runs, each built from its own settings block: housekeeping, backup and draw-intake when
 * turned on, and the SSQ loop's ssq-cycle, ssq-tuner and ssq-autorl unless {@code nexus.engine.ssq.enabled} is off.
 */
public final class TaskCatalog {

  private TaskCatalog() {}

  public static List<Task> tasks(NodeSettings settings) {
    EngineSettings engine = settings.engine();
    List<Task> tasks = new ArrayList<>();
    tasks.add(
        HousekeepingTask.fromConfig(
            engine.task(HousekeepingTask.NAME),
            new SettingsReader(settings.config(), "nexus.engine.tasks." + HousekeepingTask.NAME),
            engine.paths()));
    BackupSettings backup = BackupSettings.fromConfig(new SettingsReader(settings.config(), "nexus.backup"), engine.paths().dataDir());
    if (backup.enabled()) {
      tasks.add(
          new BackupTask(
              engine.task(BackupTask.NAME).withSchedule(new Schedule.Fixed(backup.every())), backup, settings.storage(),
              NexusVersion.current(), Clock.systemUTC()));
    }
    IntakeSettings intake = IntakeSettings.fromConfig(new SettingsReader(settings.config(), "nexus.engine.ssq.intake"));
    if (intake.enabled()) {
      tasks.add(new DrawIntakeTask(engine.task(DrawIntakeTask.NAME), intake, Clock.systemUTC()));
    }
    if (new SettingsReader(settings.config(), "nexus.engine.ssq").flag("enabled")) {
      tasks.addAll(PredictionLoop.of(StrategyCatalog.standard(engine.ssq().strategies()), engine.ssq(), engine.paths()).tasks(engine));
    }
    return List.copyOf(tasks);
  }
}
