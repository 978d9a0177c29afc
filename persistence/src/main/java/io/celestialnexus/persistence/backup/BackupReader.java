package io.celestialnexus.persistence.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a backup written by {@link BackupWriter}, checking as it goes: the header's kind and format, that every line
 * is a row of a known table, and at the end that the manifest's row counts and SHA-256 match what was read. A file
 * that fails any check is a {@link BackupFileException} naming the line.
 */
public final class BackupReader {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TABLES = JournalTables.ALL.stream().map(JournalTables.Table::name).collect(Collectors.toSet());

  /** A row as it was written: its table and its columns by name. */
  @FunctionalInterface
  interface RowConsumer {
    void accept(String table, JsonNode row) throws Exception;
  }

  private BackupReader() {}

  /** Reads the whole file and answers its manifest once every check passed. */
  public static BackupManifest verify(Path file) throws IOException, BackupFileException {
    return read(file, (table, row) -> {});
  }

  /**
   * Hands every row to {@code rows} in the file's order, then checks the manifest. A consumer's exception stops the
   * reading and is thrown as it was (wrapped when checked and not an IOException).
   */
  static BackupManifest read(Path file, RowConsumer rows) throws IOException, BackupFileException {
    MessageDigest digest = BackupWriter.sha256();
    Map<String, Long> counts = new HashMap<>();
    BackupManifest manifest = null;
    long number = 0;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        number++;
        if (manifest != null) {
          throw new BackupFileException("line " + number + ": data after the manifest");
        }
        JsonNode json = parse(line, number);
        if (number == 1) {
          checkHeader(json);
        } else if ((manifest = BackupJson.readManifest(json)) == null) {
          String table = json.path("table").asText();
          JsonNode row = json.get("row");
          if (!TABLES.contains(table) || row == null || !row.isObject()) {
            throw new BackupFileException("line " + number + ": not a row of the journal's tables");
          }
          rows.accept(table, row);
          counts.merge(table, 1L, Long::sum);
        }
        if (manifest == null) {
          digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
    } catch (ZipException e) {
      throw new BackupFileException(file + " is not a nexus backup (not gzip-compressed, or damaged): " + e.getMessage(), e);
    } catch (EOFException e) {
      throw new BackupFileException(file + " ends early after line " + number + ": the file is truncated", e);
    } catch (IOException | BackupFileException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("restoring line " + number + " failed: " + e.getMessage(), e);
    }
    if (manifest == null) {
      throw new BackupFileException(file + " has no manifest: the file is truncated (" + number + " lines read)");
    }
    check(manifest, counts, HexFormat.of().formatHex(digest.digest()));
    return manifest;
  }

  private static JsonNode parse(String line, long number) throws BackupFileException {
    try {
      return JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new BackupFileException("line " + number + ": not JSON (" + e.getOriginalMessage() + ")", e);
    }
  }

  private static void checkHeader(JsonNode header) throws BackupFileException {
    if (!BackupWriter.HEADER_KIND.equals(header.path("kind").asText())) {
      throw new BackupFileException("line 1: not a nexus journal backup");
    }
    int format = header.path("format").asInt();
    if (format != BackupManifest.FORMAT) {
      throw new BackupFileException("line 1: backup format " + format + ", this node reads format " + BackupManifest.FORMAT);
    }
  }

  private static void check(BackupManifest manifest, Map<String, Long> counts, String sha256) throws BackupFileException {
    for (JournalTables.Table table : JournalTables.ALL) {
      long read = counts.getOrDefault(table.name(), 0L);
      if (read != manifest.rows(table.name())) {
        throw new BackupFileException(
            "the manifest counts " + manifest.rows(table.name()) + " rows of " + table.name() + " but the file holds " + read);
      }
    }
    if (!sha256.equals(manifest.sha256())) {
      throw new BackupFileException("checksum mismatch: the file was changed or damaged after it was written");
    }
  }
}
