package io.celestialnexus.app.cli;

import io.celestialnexus.app.node.NodeLock;
import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.persistence.JournalBackups;
import io.celestialnexus.persistence.backup.BackupFileException;
import io.celestialnexus.persistence.backup.BackupManifest;
import io.celestialnexus.persistence.backup.BackupReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Writes a consistent backup of the journal to FILE: through the running service's API ({@code GET /api/backup},
 * the key from NEXUS_API_KEY) when it answers, else from the storage directly, the data-dir lock held so that no node
 * starts meanwhile. The file is checked before it takes FILE's name; a partial download never does.
 */
@Command(name = "backup", description = "Write a consistent backup of the journal (gzip JSON lines with a manifest) to FILE.")
public final class BackupCommand implements Callable<Integer> {

  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "Where the backup goes (e.g. nexus-backup.jsonl.gz); replaced if it exists.")
  Path file;

  @Override
  public Integer call() throws Exception {
    NodeSettings settings = config.settings();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path partial = file.toAbsolutePath().resolveSibling(file.getFileName() + ".partial");
    try {
      Optional<URI> service = StateChange.runningService(settings);
      BackupManifest manifest;
      if (service.isPresent()) {
        manifest = throughApi(service.get(), settings, partial, out, err);
        if (manifest == null) {
          return 1;
        }
      } else {
        StateChange.quietLogging();
        NodeLock lock = NodeLock.acquire(settings.engine().paths().dataDir()); // no node starts on the store meanwhile
        try (OutputStream stream = Files.newOutputStream(partial)) {
          out.println("service not running: reading the storage directly (" + settings.storage().describe() + ")");
          manifest = JournalBackups.backup(settings.storage(), NexusVersion.current(), Clock.systemUTC(), stream);
        } finally {
          lock.close();
        }
      }
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      out.println(file + ": " + manifest.summary() + ", " + Files.size(file) + " bytes");
      return 0;
    } catch (NodeLock.HeldElsewhere e) {
      err.println("nexus backup: " + e.getMessage() + ", but its API does not answer; try again when it does");
    } catch (SQLException e) {
      err.println("nexus backup: storage unavailable: " + e.getMessage());
    } catch (BackupFileException e) {
      err.println("nexus backup: the service sent a damaged backup (" + e.getMessage() + "); nothing was written to " + file);
    } catch (IOException e) {
      err.println("nexus backup: cannot write " + file + ": " + e);
    } finally {
      Files.deleteIfExists(partial);
      out.flush();
      err.flush();
    }
    return 1;
  }

  /** The manifest of the checked download, or null after saying why there is none. */
  private static BackupManifest throughApi(URI base, NodeSettings settings, Path partial, PrintWriter out, PrintWriter err)
      throws IOException, InterruptedException, BackupFileException {
    String key = settings.http().apiKey();
    if (key.isEmpty()) {
      err.println("nexus backup: the service is running at " + base + "; set NEXUS_API_KEY (its API key) to back it up through its API");
      return null;
    }
    out.println("via the running service at " + base);
    HttpResponse<Path> response = StateChange.download(base, key, "/api/backup", partial);
    if (response.statusCode() != 200) {
      err.println("nexus backup: the service answered " + response.statusCode() + ": " + Files.readString(partial));
      return null;
    }
    return BackupReader.verify(partial);
  }
}
