package io.celestialnexus.http;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.celestialnexus.engine.backup.BackupSource;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.ContentDisposition;
import org.apache.pekko.http.javadsl.model.headers.ContentDispositionTypes;
import io.celestialnexus.http.access.Scope;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.StreamConverters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/backup}: a consistent backup of the journal, streamed as it is read (gzip JSON lines with a
 * manifest, the format of {@code nexus backup}). The response has started before the last row is read, so a
 * failure midway can only cut the body short: the manifest then never arrives and a reader refuses the file
 * ({@code nexus backup} checks what it received).
 */
final class BackupRoutes extends AllDirectives {

  private static final Logger LOG = LoggerFactory.getLogger(BackupRoutes.class);
  private static final ContentType GZIP = ContentTypes.create(MediaTypes.APPLICATION_X_GZIP);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  /** How long the stream waits for the reader of the store to write the next chunk. */
  private static final Duration WRITE_TIMEOUT = Duration.ofMinutes(5);

  private final BackupSource backups;
  private final HttpMetrics metrics;
  private final ApiKeyAuth auth;
  private final Clock clock;

  BackupRoutes(BackupSource backups, HttpMetrics metrics, ApiKeyAuth auth, Clock clock) {
    this.backups = backups;
    this.metrics = metrics;
    this.auth = auth;
    this.clock = clock;
  }

  Route route() {
    var template = metrics.template("/api/backup");
    return path(
        segment("api").slash("backup"), () -> template.measure(() -> get(() -> auth.require(Scope.ADMIN, this::stream))));
  }

  private static void closeQuietly(OutputStream out) {
    try {
      out.close();
    } catch (IOException e) {
      // the stream is failing anyway
    }
  }

  private Route stream() {
    var body =
        StreamConverters.asOutputStream(WRITE_TIMEOUT)
            .mapMaterializedValue(
                out -> {
                  backups
                      .writeTo(out)
                      .whenComplete(
                          (manifest, failure) -> {
                            if (failure != null) {
                              closeQuietly(out);
                              LOG.warn("backup through the API failed (the client gets a cut body): {}", failure.toString());
                            } else {
                              LOG.info("backup through the API: {}", manifest.summary());
                            }
                          });
                  return out;
                });
    String file = "nexus-" + STAMP.format(clock.instant()) + ".jsonl.gz";
    return complete(
        HttpResponse.create()
            .withEntity(HttpEntities.createChunked(GZIP, body))
            .addHeader(ContentDisposition.create(ContentDispositionTypes.ATTACHMENT, Map.of("filename", file))));
  }
}
