package io.celestialnexus.app.cli;

import io.celestialnexus.app.node.LeaseLost;
import io.celestialnexus.app.node.NexusNode;
import io.celestialnexus.app.node.NodeLock;
import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.app.node.TaskCatalog;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.CoordinatedShutdown;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Runs the node in the foreground until SIGTERM/SIGINT (graceful stop through CoordinatedShutdown) or until
 * something else terminates its actor system.
 */
@Command(name = "start", description = "Run the service in the foreground (stop it with Ctrl-C or SIGTERM).")
public final class StartCommand implements Callable<Integer> {

  private static final String LOGBACK_CONFIG = "logback.configurationFile";

  @Mixin ConfigOption config;

  @Override
  public Integer call() throws Exception {
    NodeSettings settings = config.settings();
    // logback reads these when it starts, which is at the first logger below
    System.setProperty("nexus.logs.dir", settings.engine().paths().logsDir().toString());
    settings.logs().asSystemProperties().forEach(System::setProperty);
    if (settings.logs().format().equals("json") && System.getProperty(LOGBACK_CONFIG) == null) {
      System.setProperty(LOGBACK_CONFIG, "logback-json.xml");
    }
    NexusNode node;
    try {
      node = NexusNode.start(settings, TaskCatalog.tasks(settings), NexusVersion.current());
    } catch (NodeLock.HeldElsewhere e) {
      System.err.println("nexus: " + e.getMessage());
      return 1;
    } catch (NexusNode.StartupFailed e) {
      System.err.println("nexus: " + e.getMessage());
      return 1;
    }
    node.whenTerminated().toCompletableFuture().join();
    if (CoordinatedShutdown.get(node.system()).getShutdownReason().filter(LeaseLost.INSTANCE::equals).isPresent()) {
      System.err.println("nexus: stopped because another node took the writer's lease on " + settings.storage().describe());
      return 1;
    }
    if (CoordinatedShutdown.get(node.system()).getShutdownReason().filter(CoordinatedShutdown.clusterDowningReason()::equals).isPresent()) {
      System.err.println("nexus: stopped because the cluster downed this node (a partition's minority, or unreachable too long)");
      return 1;
    }
    return 0;
  }
}
