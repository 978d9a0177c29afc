package io.celestialnexus.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nexus alerts test}: the node's alert channels. */
@Command(name = "alerts", description = "Check the alert channels (nexus.alerts.*).", subcommands = {AlertsTestCommand.class})
public final class AlertsCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
