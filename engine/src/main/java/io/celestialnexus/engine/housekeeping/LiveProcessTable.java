package io.celestialnexus.engine.housekeeping;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Answers from the running system: {@link ProcessHandle} for liveness and command lines, and Linux's
 * {@code /proc/<pid>/cwd} and {@code /proc/<pid>/fd} for working directories and open files. Where /proc
 * cannot be read the answer errs on the side of "in use", so nothing is deleted on a guess.
 */
public final class LiveProcessTable implements ProcessTable {

  private static final Path PROC = Path.of("/proc");

  @Override
  public boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  @Override
  public boolean gitRunningIn(Path repository) {
    Path repo = realPath(repository).orElse(repository.toAbsolutePath().normalize());
    return ProcessHandle.allProcesses()
        .filter(process -> process.pid() != ProcessHandle.current().pid())
        .filter(LiveProcessTable::isGit)
        .anyMatch(git -> worksIn(git, repo));
  }

  @Override
  public boolean anyHolds(Path file) {
    if (!Files.isDirectory(PROC)) {
      return true;
    }
    Path target = realPath(file).orElse(file.toAbsolutePath().normalize());
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path process : processes) {
        if (holds(process.resolve("fd"), target)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static boolean holds(Path fdDir, Path target) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
      for (Path fd : fds) {
        if (realPath(fd).map(target::equals).orElse(false)) {
          return true;
        }
      }
    } catch (IOException | SecurityException e) {
      // another user's process or one that just ended: we cannot see its files
    }
    return false;
  }

  private static boolean isGit(ProcessHandle process) {
    return process
        .info()
        .command()
        .map(command -> Path.of(command).getFileName().toString().startsWith("git"))
        .orElse(false);
  }

  private static boolean worksIn(ProcessHandle git, Path repo) {
    boolean cwdInside =
        realPath(PROC.resolve(Long.toString(git.pid())).resolve("cwd")).map(cwd -> cwd.startsWith(repo)).orElse(false);
    boolean namedInArguments =
        git.info().arguments().map(args -> Arrays.stream(args).anyMatch(arg -> arg.contains(repo.toString()))).orElse(false);
    return cwdInside || namedInArguments;
  }

  private static Optional<Path> realPath(Path path) {
    try {
      return Optional.of(path.toRealPath());
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }
}
