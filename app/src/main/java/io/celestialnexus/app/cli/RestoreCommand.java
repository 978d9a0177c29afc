package io.celestialnexus.app.cli;

import io.celestialnexus.app.node.NodeLock;
import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.persistence.JournalBackups;
import io.celestialnexus.persistence.backup.BackupFileException;
import io.celestialnexus.persistence.backup.BackupManifest;
import io.celestialnexus.persistence.backup.BackupRestore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Restores a backup into the configured store, which must be empty, with the service stopped: the file is checked
 * whole first, then written in one transaction (all or nothing). Backing up from H2 and restoring into PostgreSQL
 * moves a node to PostgreSQL.
 */
@Command(name = "restore", description = "Restore a backup written by `nexus backup` into the configured, empty store.")
public final class RestoreCommand implements Callable<Integer> {

  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A backup written by `nexus backup` or the backup task.")
  Path file;

  @Override
  public Integer call() throws Exception {
    NodeSettings settings = config.settings();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (StateChange.runningService(settings).isPresent()) {
        err.println("nexus restore: the service is running at " + StateChange.serviceBase(settings)
            + "; stop it first (a restore writes into an empty store)");
        return 1;
      }
      StateChange.quietLogging();
      NodeLock lock = NodeLock.acquire(settings.engine().paths().dataDir()); // no node starts on the store meanwhile
      try {
        BackupManifest manifest = JournalBackups.restore(settings.storage(), file);
        out.println("restored " + manifest.summary() + " into " + settings.storage().describe());
        return 0;
      } finally {
        lock.close();
      }
    } catch (NoSuchFileException e) {
      err.println("nexus restore: no such file: " + file);
    } catch (BackupFileException e) {
      err.println("nexus restore: " + e.getMessage() + "; nothing was restored");
    } catch (BackupRestore.NotEmpty e) {
      err.println("nexus restore: " + e.getMessage());
    } catch (NodeLock.HeldElsewhere e) {
      err.println("nexus restore: " + e.getMessage() + "; stop it first");
    } catch (SQLException e) {
      err.println("nexus restore: storage unavailable or refused the rows (nothing was restored): " + e.getMessage());
    } catch (IOException e) {
      err.println("nexus restore: cannot read " + file + ": " + e);
    } finally {
      out.flush();
      err.flush();
    }
    return 1;
  }
}
