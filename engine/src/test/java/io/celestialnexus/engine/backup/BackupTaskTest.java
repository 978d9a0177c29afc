package io.celestialnexus.engine.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.engine.task.TaskContext;
import io.celestialnexus.engine.testing.ManualClock;
import io.celestialnexus.engine.testing.TestSettings;
import io.celestialnexus.persistence.backup.BackupReader;
import io.celestialnexus.persistence.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backup task writes whole, checkable files, keeps the newest few, and says how old the newest one is. */
class BackupTaskTest {

  @TempDir Path dir;

  @Test
  void eachStepWritesACheckableBackupAndOnlyTheNewestAreKept() throws Exception {
    try (TestDatabase db = TestDatabase.h2(dir.resolve("db")).withSchema()) {
      db.execute(
          "INSERT INTO \"event_journal\" (\"persistence_id\", \"sequence_number\", \"writer\", \"write_timestamp\", \"adapter_manifest\","
              + " \"event_payload\", \"event_ser_id\", \"event_ser_manifest\") VALUES ('a|1', 1, 'w', 1, '', X'01', 1, 'm')");
      ManualClock clock = new ManualClock();
      Path backups = dir.resolve("backups");
      var task = new BackupTask(TestSettings.every(Duration.ofHours(1)), new BackupSettings(true, backups, Duration.ofHours(1), 2),
          db.settings(), "test", clock);
      var registry = new SimpleMeterRegistry();
      task.bindTo(registry);
      clock.advance(Duration.ofMinutes(10));
      assertEquals(600, registry.get("nexus.backup.age").gauge().value(), 1, "no backup yet: the node's uptime");

      for (int n = 0; n < 3; n++) {
        var fields = task.step(TaskContext.detached("backup"));
        assertEquals(1L, fields.get("events"));
        clock.advance(Duration.ofHours(1));
      }

      List<Path> kept = files(backups);
      assertEquals(2, kept.size(), kept.toString());
      assertTrue(kept.get(0).getFileName().toString().startsWith("nexus-20261122T011000Z"), kept.toString());
      for (Path file : kept) {
        assertEquals(1, BackupReader.verify(file).rows("event_journal"));
      }
      assertTrue(task.alertsOnFailure());
    }
  }

  @Test
  void aStoreThatCannotBeReadFailsTheStepAndLeavesNoPartialFile() throws Exception {
    Path backups = dir.resolve("backups");
    try (TestDatabase db = TestDatabase.h2(dir.resolve("empty"))) {
      var task = new BackupTask(TestSettings.every(Duration.ofHours(1)), new BackupSettings(true, backups, Duration.ofHours(1), 2),
          db.settings(), "test", new ManualClock());
      assertThrows(Exception.class, () -> task.step(TaskContext.detached("backup"))); // no schema: no journal to read
      assertEquals(List.of(), files(backups));
    }
  }

  private static List<Path> files(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}
