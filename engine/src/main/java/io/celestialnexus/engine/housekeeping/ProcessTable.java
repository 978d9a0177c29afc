package io.celestialnexus.engine.housekeeping;

import java.nio.file.Path;

/** The questions housekeeping asks about live processes before it deletes a lock or PID file. */
public interface ProcessTable {

  boolean isAlive(long pid);

  /** Whether a git process is working in {@code repository} (its work tree or its .git directory). */
  boolean gitRunningIn(Path repository);

  /** Whether any live process holds {@code file} open. */
  boolean anyHolds(Path file);
}
