package io.celestialnexus.persistence.backup;

import java.sql.Types;
import java.util.List;

/**
 * The journal's tables as a backup sees them: the same lower-case names and columns on H2 and PostgreSQL
 * ({@code schema/<kind>/schema.sql}), listed in the order a restore inserts them (tags refer to events).
 */
final class JournalTables {

  static final String EVENTS = "event_journal";
  static final String TAGS = "event_tag";
  static final String SNAPSHOTS = "snapshot";

  /** How a column's values are written as JSON and bound again. */
  enum Type {
    TEXT(Types.VARCHAR),
    INT(Types.INTEGER),
    LONG(Types.BIGINT),
    BOOL(Types.BOOLEAN),
    /** base64 in the JSON line */
    BYTES(Types.BINARY);

    final int sqlType;

    Type(int sqlType) {
      this.sqlType = sqlType;
    }
  }

  record Column(String name, Type type) {}

  /** A table and its columns, each written and read back under its own name. */
  record Table(String name, List<Column> columns, String orderBy) {

    String select() {
      return "SELECT " + names() + " FROM " + name + " ORDER BY " + orderBy;
    }

    String insert() {
      return "INSERT INTO " + name + " (" + names() + ") VALUES (" + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
    }

    private String names() {
      return String.join(", ", columns.stream().map(Column::name).toList());
    }
  }

  private static Column text(String name) {
    return new Column(name, Type.TEXT);
  }

  private static Column integer(String name) {
    return new Column(name, Type.INT);
  }

  private static Column number(String name) {
    return new Column(name, Type.LONG);
  }

  private static Column bytes(String name) {
    return new Column(name, Type.BYTES);
  }

  static final List<Table> ALL =
      List.of(
          new Table(
              EVENTS,
              List.of(
                  number("ordering"), text("persistence_id"), number("sequence_number"), new Column("deleted", Type.BOOL),
                  text("writer"), number("write_timestamp"), text("adapter_manifest"), integer("event_ser_id"),
                  text("event_ser_manifest"), bytes("event_payload"), integer("meta_ser_id"), text("meta_ser_manifest"),
                  bytes("meta_payload")),
              "ordering"),
          new Table(TAGS, List.of(number("event_id"), text("tag")), "event_id, tag"),
          new Table(
              SNAPSHOTS,
              List.of(
                  text("persistence_id"), number("sequence_number"), number("created"), integer("snapshot_ser_id"),
                  text("snapshot_ser_manifest"), bytes("snapshot_payload"), integer("meta_ser_id"), text("meta_ser_manifest"),
                  bytes("meta_payload")),
              "persistence_id, sequence_number"));

  private JournalTables() {}
}
