package io.celestialnexus.app.cli;

import io.celestialnexus.app.node.NodeLock;
import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.persistence.StorageKind;
import io.celestialnexus.persistence.StorageSchema;
import io.celestialnexus.persistence.StorageSettings;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Applies the journal schema to the configured database ({@code schema/<kind>/schema.sql}, every statement
 * IF NOT EXISTS, so it is safe to run again). The embedded H2 file belongs to the node while it runs, which
 * creates the schema itself at start. Exit 0 when the schema is in place, 1 when it could not be applied.
 */
@Command(name = "init", description = "Create the journal schema in the configured database (safe to repeat).")
public final class DbInitCommand implements Callable<Integer> {

  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    NodeSettings settings = config.settings();
    StorageSettings storage = settings.storage();
    PrintWriter out = spec.commandLine().getOut();
    if (storage.kind() == StorageKind.H2) {
      NodeLock lock;
      try {
        lock = NodeLock.acquire(settings.engine().paths().dataDir());
      } catch (NodeLock.HeldElsewhere running) {
        out.println(running.getMessage() + "; it created the schema in " + storage.describe() + " when it started");
        return 0;
      }
      try {
        return apply(storage, out);
      } finally {
        lock.close();
      }
    }
    return apply(storage, out);
  }

  private int apply(StorageSettings storage, PrintWriter out) {
    try {
      List<String> tables = StorageSchema.apply(storage);
      out.println("schema ready in " + storage.describe() + " (tables " + String.join(", ", tables) + ")");
      return 0;
    } catch (SQLException e) {
      spec.commandLine().getErr().println("nexus: cannot apply the schema to " + storage.describe() + ": "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      return 1;
    }
  }
}
