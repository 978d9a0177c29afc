package io.celestialnexus.app;

import com.typesafe.config.ConfigException;
import io.celestialnexus.app.cli.AlertsCommand;
import io.celestialnexus.app.cli.BackupCommand;
import io.celestialnexus.app.cli.ChaosCommand;
import io.celestialnexus.app.cli.CheckCommand;
import io.celestialnexus.app.cli.DbCommand;
import io.celestialnexus.app.cli.DrawsCommand;
import io.celestialnexus.app.cli.EvaluateCommand;
import io.celestialnexus.app.cli.ImportHistoryCommand;
import io.celestialnexus.app.cli.NexusVersion;
import io.celestialnexus.app.cli.PrintConfigCommand;
import io.celestialnexus.app.cli.RestoreCommand;
import io.celestialnexus.app.cli.StartCommand;
import io.celestialnexus.app.cli.StatusCommand;
import io.celestialnexus.app.cli.VersionCommand;
import io.celestialnexus.app.cli.WechatCommand;
import io.celestialnexus.app.node.JvmDefaults;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code nexus} command line. Exit codes: 0 success (and PASS for {@code check}), 1 failure (WARN for
 * {@code check}), 2 invalid configuration or usage (FAIL for {@code check}).
 */
@Command(
    name = "nexus",
    mixinStandardHelpOptions = true,
    versionProvider = NexusVersion.class,
    description = "Celestial Nexus: a self-healing task engine.",
    subcommands = {
      StartCommand.class,
      StatusCommand.class,
      CheckCommand.class,
      PrintConfigCommand.class,
      ChaosCommand.class,
      EvaluateCommand.class,
      WechatCommand.class,
      DbCommand.class,
      ImportHistoryCommand.class,
      DrawsCommand.class,
      BackupCommand.class,
      RestoreCommand.class,
      AlertsCommand.class,
      VersionCommand.class
    })
public final class Main implements Runnable {

  public static final int INVALID_CONFIG = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    JvmDefaults.apply();
    System.exit(run(args));
  }

  /** Runs one command and answers its exit code (without exiting: tests call this). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  public static CommandLine commandLine() {
    return new CommandLine(new Main()).setExecutionExceptionHandler(Main::onFailure);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A bad configuration is one line naming the key and the reason, exit 2; anything else one line, exit 1. */
  private static int onFailure(Exception failure, CommandLine commandLine, CommandLine.ParseResult parsed) {
    PrintWriter err = commandLine.getErr();
    if (failure instanceof ConfigException) {
      err.println("nexus: invalid configuration: " + failure.getMessage().lines().findFirst().orElse(""));
      err.flush();
      return INVALID_CONFIG;
    }
    err.println("nexus: " + failure);
    err.flush();
    return 1;
  }
}
