package io.celestialnexus.engine.ssq.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * {@link DrawHistory.DrawRecorded} version 2 added {@code source}. Version-1 events in an existing journal
 * replay as recorded from source "unknown". Registered under pekko.serialization.jackson.migrations.
 */
public final class DrawRecordedMigration extends JacksonMigration {

  static final String UNKNOWN_SOURCE = "unknown";

  @Override
  public int currentVersion() {
    return 2;
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    ObjectNode event = (ObjectNode) json;
    if (fromVersion < 2 && !event.has("source")) {
      event.put("source", UNKNOWN_SOURCE);
    }
    return event;
  }
}
