package io.celestialnexus.persistence;

import java.sql.SQLException;

/**
 * What a node does with its storage before the actor system starts. H2 is embedded: its schema is applied
 * (re-runnable), so a first start creates it. PostgreSQL is checked, never changed: a missing schema stops
 * the start with one message naming {@code nexus db init}. A database that cannot be reached does not stop
 * the start: the node comes up with storage DOWN and its entities retry until it is back.
 */
public final class StorageStart {

  private StorageStart() {}

  public static StorageCheck.Result prepare(StorageSettings settings) throws StorageSchema.Missing {
    try {
      if (settings.kind() == StorageKind.H2) {
        StorageSchema.apply(settings);
      } else {
        StorageSchema.requirePresent(settings, settings.healthTimeout());
      }
      return new StorageCheck.Result(true, settings.describe() + " reachable, schema present");
    } catch (SQLException e) {
      return new StorageCheck.Result(false, settings.describe() + " unreachable: " + StorageCheck.firstLine(e));
    }
  }
}
