package io.celestialnexus.persistence.backup;

import java.time.Instant;
import java.util.Map;

/**
 * What a backup holds, written as its last line: the format's version, the node that wrote it, the store it came
 * from, when, how many rows of each table, and the SHA-256 of every line before it (uncompressed).
 *
 * @param nexusVersion the version of the node that wrote it (informational: any node reads format 1)
 * @param source the store it was read from ({@code h2} or {@code postgres}); a backup restores into either
 */
public record BackupManifest(
    int format, String nexusVersion, String source, Instant created, Map<String, Long> rows, String sha256) {

  /** The only format so far. */
  public static final int FORMAT = 1;

  public BackupManifest {
    rows = Map.copyOf(rows);
  }

  public long rows(String table) {
    return rows.getOrDefault(table, 0L);
  }

  /** One line for people: {@code 3494 events, 0 tags, 38 snapshots from h2 at 2026-12-05T10:00:00Z}. */
  public String summary() {
    return rows(JournalTables.EVENTS) + " events, " + rows(JournalTables.TAGS) + " tags, " + rows(JournalTables.SNAPSHOTS)
        + " snapshots from " + source + " at " + created;
  }
}
