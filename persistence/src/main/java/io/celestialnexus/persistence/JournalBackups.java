package io.celestialnexus.persistence;

import io.celestialnexus.persistence.backup.BackupFileException;
import io.celestialnexus.persistence.backup.BackupManifest;
import io.celestialnexus.persistence.backup.BackupRestore;
import io.celestialnexus.persistence.backup.BackupWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Backup and restore of the configured store, on a connection of their own (outside the plugin's pool, so a
 * running node's writes go on meanwhile). See {@link BackupWriter} for the file and its consistency.
 */
public final class JournalBackups {

  private JournalBackups() {}

  /** Writes a backup of the store to {@code out}, closing it. */
  public static BackupManifest backup(StorageSettings settings, String nexusVersion, Clock clock, OutputStream out)
      throws SQLException, IOException {
    try (Connection connection = Jdbc.open(settings, settings.schemaTimeout())) {
      return BackupWriter.write(connection, settings.kind(), nexusVersion, clock, out);
    }
  }

  /**
   * Restores {@code file} into the store, which must be empty; the schema is applied first (as {@code nexus db init}
   * does), so a new PostgreSQL database needs nothing else.
   */
  public static BackupManifest restore(StorageSettings settings, Path file)
      throws SQLException, IOException, BackupFileException, BackupRestore.NotEmpty {
    StorageSchema.apply(settings);
    try (Connection connection = Jdbc.open(settings, settings.schemaTimeout())) {
      return BackupRestore.restore(file, connection, settings.kind());
    }
  }
}
