package io.celestialnexus.persistence.backup;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The manifest line's JSON, written and read by hand so that its field names are the file format. */
final class BackupJson {

  private BackupJson() {}

  static void writeManifest(JsonGenerator generator, BackupManifest manifest) throws IOException {
    generator.writeStartObject();
    generator.writeObjectFieldStart("manifest");
    generator.writeNumberField("format", manifest.format());
    generator.writeStringField("nexusVersion", manifest.nexusVersion());
    generator.writeStringField("source", manifest.source());
    generator.writeStringField("created", manifest.created().toString());
    generator.writeObjectFieldStart("rows");
    for (Map.Entry<String, Long> rows : manifest.rows().entrySet()) {
      generator.writeNumberField(rows.getKey(), rows.getValue());
    }
    generator.writeEndObject();
    generator.writeStringField("sha256", manifest.sha256());
    generator.writeEndObject();
    generator.writeEndObject();
  }

  /** The manifest in {@code line}, or null when the line is not one. */
  static BackupManifest readManifest(JsonNode line) {
    JsonNode manifest = line.get("manifest");
    if (manifest == null || !manifest.isObject()) {
      return null;
    }
    Map<String, Long> rows = new LinkedHashMap<>();
    manifest.path("rows").properties().forEach(entry -> rows.put(entry.getKey(), entry.getValue().asLong()));
    return new BackupManifest(
        manifest.path("format").asInt(),
        manifest.path("nexusVersion").asText(),
        manifest.path("source").asText(),
        Instant.parse(manifest.path("created").asText()),
        rows,
        manifest.path("sha256").asText());
  }
}
