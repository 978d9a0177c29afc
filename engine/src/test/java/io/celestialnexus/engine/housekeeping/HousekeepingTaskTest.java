package io.celestialnexus.engine.housekeeping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.engine.NodePaths;
import io.celestialnexus.engine.task.TaskContext;
import io.celestialnexus.engine.testing.TestSettings;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against real processes: a live and a dead PID, a real git repository, a file this JVM holds open. */
class HousekeepingTaskTest {

  @TempDir Path root;

  private static final TaskContext CONTEXT =
      new TaskContext() {
        @Override
        public String taskName() {
          return HousekeepingTask.NAME;
        }

        @Override
        public void progress(Map<String, ?> fields) {}

        @Override
        public Clock clock() {
          return Clock.systemUTC();
        }
      };

  private HousekeepingTask task(List<Path> staleFiles) {
    var paths = new NodePaths(root.resolve("data"), root.resolve("logs"));
    return new HousekeepingTask(TestSettings.every(Duration.ofMinutes(1)), paths, staleFiles, new LiveProcessTable());
  }

  @Test
  void createsTheNodeDirectoriesWhenMissing() throws Exception {
    Map<String, Object> fields = task(List.of()).step(CONTEXT);
    assertTrue(Files.isDirectory(root.resolve("data/reports")));
    assertTrue(Files.isDirectory(root.resolve("logs")));
    assertEquals(3, fields.get("dirsCreated"));
    assertEquals(0, task(List.of()).step(CONTEXT).get("dirsCreated"));
  }

  @Test
  void removesAPidFileWhoseProcessIsGoneAndKeepsOneWhoseProcessLives() throws Exception {
    Process exited = new ProcessBuilder("true").start();
    exited.waitFor();
    Process alive = new ProcessBuilder("sleep", "60").start();
    try {
      Path stale = Files.writeString(root.resolve("old.pid"), exited.pid() + "\n");
      Path live = Files.writeString(root.resolve("live.pid"), alive.pid() + "\n");
      Map<String, Object> fields = task(List.of(stale, live)).step(CONTEXT);
      assertFalse(Files.exists(stale));
      assertTrue(Files.exists(live));
      assertEquals(1, fields.get("staleRemoved"));
      assertEquals(1, fields.get("locksInUse"));
    } finally {
      alive.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void removesAGitIndexLockOnlyWhenNoGitProcessWorksInTheRepository() throws Exception {
    Path repo = Files.createDirectories(root.resolve("repo"));
    assertEquals(0, new ProcessBuilder("git", "init", "-q").directory(repo.toFile()).start().waitFor());
    Path lock = Files.writeString(repo.resolve(".git/index.lock"), "");
    // `git cat-file --batch` waits on stdin: a git process working in the repository
    Process git = new ProcessBuilder("git", "cat-file", "--batch").directory(repo.toFile()).start();
    try {
      task(List.of(lock)).step(CONTEXT);
      assertTrue(Files.exists(lock), "kept while git runs in the repository");
    } finally {
      git.getOutputStream().close();
      git.waitFor(5, TimeUnit.SECONDS);
    }
    task(List.of(lock)).step(CONTEXT);
    assertFalse(Files.exists(lock), "removed once no git process runs there");
  }

  @Test
  void keepsALockFileThatALiveProcessHoldsOpen() throws Exception {
    Path lock = Files.writeString(root.resolve("app.lock"), "locked");
    try (FileChannel held = FileChannel.open(lock, StandardOpenOption.WRITE)) {
      task(List.of(lock)).step(CONTEXT);
      assertTrue(Files.exists(lock));
      assertTrue(held.isOpen());
    }
    task(List.of(lock)).step(CONTEXT);
    assertFalse(Files.exists(lock));
  }

  @Test
  void ignoresConfiguredFilesThatDoNotExist() throws IOException {
    Path missing = root.resolve("nothing.pid");
    assertEquals(0, task(List.of(missing)).step(CONTEXT).get("staleRemoved"));
  }
}
