package io.celestialnexus.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one-writer guard on a shared journal: a node holds a PostgreSQL session-level advisory lock for as long as it
 * runs, on a connection of its own named after the node ({@code application_name}), so a second node started on the
 * same database is refused with a message naming the holder. The lock dies with its session: a node killed, or cut
 * off from the database long enough for its session to end, loses it. {@link #check()} notices that, takes the
 * lease again when it is free, and reports {@link Check.Lost} when another node took it meanwhile (the node must then
 * stop writing). H2 needs no lease: its file is locked by the process that opened it, and the data dir by the node.
 *
 * <p>One caller at a time: the node's storage watch checks it; the node closes it when it stops.
 */
public final class StorageLease implements AutoCloseable {

  /** The advisory lock's key: one per database, so one writer per journal. */
  static final long KEY = 0x6e6578757300L; // "nexus"
  private static final String NAME_PREFIX = "nexus lease ";

  private final StorageSettings settings;
  private final String owner;
  private Connection held;

  /** Another node holds the lease; the message names it. */
  public static final class Held extends Exception {
    Held(String message) {
      super(message);
    }
  }

  /** What a check found. */
  public sealed interface Check {}

  /** The lease is ours (or not needed). */
  public record Holding(String detail) implements Check {}

  /** The database cannot be asked now: the lease is not ours until it answers again. */
  public record Unreachable(String detail) implements Check {}

  /** Another node took the lease: this node must stop writing. */
  public record Lost(String holder) implements Check {}

  private StorageLease(StorageSettings settings, String owner) {
    this.settings = settings;
    this.owner = owner;
  }

  /**
   * Takes the lease for {@code owner} (a line naming the node, e.g. host, PID and data dir). A database that does
   * not answer is no refusal: the lease is taken by the first {@link #check()} that reaches it.
   *
   * @throws Held when another node holds it
   */
  public static StorageLease take(StorageSettings settings, String owner) throws Held {
    StorageLease lease = new StorageLease(settings, owner);
    if (lease.needed() && lease.check() instanceof Lost lost) {
      throw new Held("another nexus writes to " + settings.describe() + ": " + lost.holder()
          + "; stop it first (two nodes on one journal would corrupt it)");
    }
    return lease;
  }

  private boolean needed() {
    return settings.kind() == StorageKind.POSTGRES;
  }

  /** Whether this node still holds the lease, taking it again after its session ended if nobody else did. */
  public Check check() {
    if (!needed()) {
      return new Holding("no lease needed on " + settings.kind().configName());
    }
    try {
      if (held != null && held.isValid(timeoutSeconds()) && stillLocked(held)) {
        return new Holding("lease held");
      }
      closeQuietly();
      Connection connection = open();
      if (tryLock(connection)) {
        held = connection;
        return new Holding("lease taken");
      }
      String holder = holder(connection);
      connection.close();
      return new Lost(holder);
    } catch (SQLException e) {
      closeQuietly();
      return new Unreachable("cannot check the writer's lease: " + e.getMessage());
    }
  }

  private Connection open() throws SQLException {
    // application_name is how a refused node learns who holds the lease (PostgreSQL keeps 63 bytes of it)
    String name = NAME_PREFIX + owner;
    return Jdbc.open(settings, settings.healthTimeout(), name.length() > 63 ? name.substring(0, 63) : name);
  }

  private int timeoutSeconds() {
    return (int) Math.max(1, settings.healthTimeout().toSeconds());
  }

  private static boolean tryLock(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      statement.setLong(1, KEY);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getBoolean(1);
      }
    }
  }

  private static boolean stillLocked(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'advisory' AND granted"
                    + " AND ((classid::bigint << 32) | objid::bigint) = " + KEY)) {
      result.next();
      return result.getLong(1) > 0;
    }
  }

  /** Who holds the lock, as far as the database can tell. */
  private static String holder(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT a.application_name, a.client_addr, a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                    + " WHERE l.locktype = 'advisory' AND l.granted AND ((l.classid::bigint << 32) | l.objid::bigint) = " + KEY)) {
      if (!result.next()) {
        return "a session that has just ended";
      }
      String name = result.getString(1);
      String from = result.getString(2);
      return (name == null || name.isBlank() ? "an unnamed session" : name.replaceFirst("^" + NAME_PREFIX, ""))
          + (from == null ? "" : " from " + from) + ", connected since " + result.getTimestamp(3).toInstant();
    }
  }

  /** Releases the lease (its session ends with the connection). */
  @Override
  public void close() {
    closeQuietly();
  }

  private void closeQuietly() {
    if (held != null) {
      try {
        held.close();
      } catch (SQLException e) {
        // the session is gone either way, and the lock with it
      }
      held = null;
    }
  }
}
