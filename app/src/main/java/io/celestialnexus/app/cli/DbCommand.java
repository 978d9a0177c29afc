package io.celestialnexus.app.cli;

import picocli.CommandLine.Command;

/** {@code nexus db ...}: the storage's schema. */
@Command(name = "db", description = "The storage (journal database).", subcommands = DbInitCommand.class, mixinStandardHelpOptions = true)
public final class DbCommand {}
