package io.celestialnexus.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.celestialnexus.engine.status.StatusJson;
import java.util.Locale;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;

/**
 * The answer to a request too malformed to reach a route (pekko-http answers these itself, before any directive,
 * rejection or exception handler runs): an unknown method (501), a bad request line or HTTP version (400, 505),
 * headers or a URI over the limits (431, 414), a declared body over the limit (413). Every listener gets the same
 * {@link ApiError} JSON as the routes' errors instead of pekko's plain text; the detail is the parser's one-line
 * summary, never the request itself. Named by {@code pekko.http.server.parsing.error-handler} in the node's
 * {@code application.conf}; pekko instantiates it by reflection (hence the public no-argument constructor).
 *
 * <p>Logged at DEBUG only: anyone can send these without a key, so a WARN per request would let them fill the log.
 */
public final class JsonParsingErrorHandler extends ParsingErrorHandler {

  @Override
  public HttpResponse handle(StatusCode status, ErrorInfo info, LoggingAdapter log, ServerSettings settings) {
    if (log.isDebugEnabled()) {
      log.debug("refused a malformed request with {}: {}", status.intValue(), LogSafe.of(info.summary()));
    }
    return response(status, info.summary());
  }

  static HttpResponse response(StatusCode status, String summary) {
    var body = new ApiError(status.reason().toLowerCase(Locale.ROOT), summary.isEmpty() ? status.defaultMessage() : summary);
    byte[] json;
    try {
      json = StatusJson.mapper().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      // two strings cannot fail to serialise; keep the status even so
      json = "{\"error\":\"bad request\",\"detail\":\"malformed request\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    return HttpResponse.create().withStatus(status).withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, json));
  }
}
