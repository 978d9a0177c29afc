package io.celestialnexus.app.cli;

import com.typesafe.config.Config;
import io.celestialnexus.app.node.NodeConfig;
import io.celestialnexus.app.node.NodeSettings;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option every command shares. */
public final class ConfigOption {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Operator config file (HOCON) layered over the defaults, e.g. conf/nexus.conf.")
  Path file;

  public Config config() {
    return NodeConfig.load(Optional.ofNullable(file));
  }

  /** Loads and validates; a bad key surfaces as a ConfigException (exit code 2). */
  public NodeSettings settings() {
    return NodeSettings.fromConfig(config());
  }
}
