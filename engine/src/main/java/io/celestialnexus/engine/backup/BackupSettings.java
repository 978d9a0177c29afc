package io.celestialnexus.engine.backup;

import io.celestialnexus.engine.support.SettingsReader;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code backup} task's settings ({@code nexus.backup}).
 *
 * @param enabled whether the node runs the task at all (off by default: an operator chooses where backups go)
 * @param dir where the files go; relative to the working directory
 * @param every how often a backup is written
 * @param keep how many of the newest backups stay; older ones are deleted after a new one is written
 */
public record BackupSettings(boolean enabled, Path dir, Duration every, int keep) {

  /** Reads {@code nexus.backup}; an empty {@code dir} means {@code <data.dir>/backups}. */
  public static BackupSettings fromConfig(SettingsReader backup, Path dataDir) {
    String dir = backup.string("dir");
    return new BackupSettings(
        backup.flag("enabled"),
        (dir.isBlank() ? dataDir.resolve("backups") : Path.of(dir)).toAbsolutePath().normalize(),
        backup.positiveDuration("every"),
        backup.integerAtLeast(1, "keep"));
  }
}
