package io.celestialnexus.app.cli;

import io.celestialnexus.app.node.NodeConfig;
import io.celestialnexus.app.node.NodeSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints the effective {@code nexus} configuration, secrets masked; also validates it (exit 2 when invalid). */
@Command(name = "print-config", description = "Print the effective configuration (secrets masked).")
public final class PrintConfigCommand implements Callable<Integer> {

  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    NodeSettings settings = config.settings();
    spec.commandLine().getOut().println(NodeConfig.render(settings.config()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
