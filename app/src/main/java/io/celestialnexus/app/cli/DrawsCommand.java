package io.celestialnexus.app.cli;

import picocli.CommandLine.Command;

/** {@code nexus draws ...}: the draw history. */
@Command(name = "draws", description = "The draw history.", subcommands = DrawsAddCommand.class, mixinStandardHelpOptions = true)
public final class DrawsCommand {}
