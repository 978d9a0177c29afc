package io.celestialnexus.http.wechat;

import io.celestialnexus.http.ApiErrors;
import io.celestialnexus.http.HttpMetrics;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.RemoteAddress;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.http.scaladsl.model.IllegalRequestException;

/**
 * The {@code wechat} listener: {@code GET}/{@code POST /<path>} (the webhook) and, when enabled,
 * {@code GET /_debug_signature} for loopback callers that did not come through a proxy. A body over
 * {@code max-body-size} is a 413; everything else refused is the endpoint's JSON reason. Every request is timed in
 * {@code wechat_request_latency_seconds} and {@code http_server_requests_seconds}.
 */
public final class WechatRoutes extends AllDirectives {

  private static final ContentType.NonBinary TEXT = ContentTypes.TEXT_PLAIN_UTF8;
  private static final ContentType.NonBinary XML = MediaTypes.APPLICATION_XML.toContentType(HttpCharsets.UTF_8);

  private final WechatEndpoint endpoint;
  private final WechatSettings settings;
  private final WechatMetrics metrics;
  private final HttpMetrics httpMetrics;

  public WechatRoutes(WechatEndpoint endpoint, WechatSettings settings, WechatMetrics metrics, HttpMetrics httpMetrics) {
    this.endpoint = endpoint;
    this.settings = settings;
    this.metrics = metrics;
    this.httpMetrics = httpMetrics;
  }

  public Route route() {
    Route webhook = webhook(); // built once: the measured wrapper asks for its inner route on every request
    var hook = httpMetrics.template("/" + settings.path());
    var debug = httpMetrics.template("/_debug_signature");
    var unmatched = httpMetrics.template("unmatched");
    return concat(
        path(settings.path(), () -> hook.measure(() -> timed(() -> webhook))),
        path("_debug_signature", () -> debug.measure(() -> timed(this::debugSignature))),
        unmatched.measure(() -> extractUri(uri -> ApiErrors.notFound("nothing is served at " + uri.path()))));
  }

  private Route webhook() {
    return handleExceptions(
        tooLarge(),
        () ->
            concat(
                get(() -> parameterMap(query -> respond(endpoint.verify(query)))),
                post(
                    () ->
                        parameterMap(
                            query ->
                                rejectDeclaredOversize(
                                    () ->
                                        extractRequestEntity(
                                            entity ->
                                                // a body that arrived whole is used as is: toStrict would run (and
                                                // measurably cost) a stream per request just to copy it
                                                entity instanceof HttpEntity.Strict strict
                                                    ? receive(query, strict)
                                                    : extractStrictEntity(
                                                        settings.bodyTimeout(), settings.maxBodyBytes(), read -> receive(query, read))))))));
  }

  private Route receive(Map<String, String> query, HttpEntity.Strict entity) {
    return onSuccess(endpoint.receive(query, entity.getData().toArray()), this::respond);
  }

  /** A declared Content-Length over the limit is refused before a byte of the body is read. */
  private Route rejectDeclaredOversize(Supplier<Route> inner) {
    return extractRequest(
        request -> {
          var length = request.entity().getContentLengthOption();
          return length.isPresent() && length.getAsLong() > settings.maxBodyBytes() ? respond(tooLargeRejection()) : inner.get();
        });
  }

  private Route debugSignature() {
    if (!settings.debugSignature()) {
      return ApiErrors.notFound("the debug signature endpoint is off (WECHAT_DEBUG_SIGNATURE=1 turns it on)");
    }
    return get(
        () ->
            extractRequest(
                request ->
                    directLoopback(request)
                        ? parameterMap(query -> respond(endpoint.debugSignature(query)))
                        : ApiErrors.respond(StatusCodes.FORBIDDEN, "forbidden", "only loopback callers, not through a proxy")));
  }

  /** The connection's own peer is loopback and no proxy header says it forwarded someone else. */
  private static boolean directLoopback(HttpRequest request) {
    Optional<RemoteAddress> remote = request.getAttribute(AttributeKeys.remoteAddress);
    boolean loopback = remote.flatMap(RemoteAddress::getAddress).map(InetAddress::isLoopbackAddress).orElse(false);
    boolean forwarded =
        request.getHeader("X-Forwarded-For").isPresent()
            || request.getHeader("X-Real-IP").isPresent()
            || request.getHeader("Forwarded").isPresent();
    return loopback && !forwarded;
  }

  /** A body over the limit fails while it is read: that is a 413 with our reason, not a 500. */
  private ExceptionHandler tooLarge() {
    return ExceptionHandler.newBuilder()
        .match(EntityStreamSizeException.class, e -> respond(tooLargeRejection()))
        .match(
            IllegalRequestException.class,
            e ->
                respond(
                    // toStrictEntity reports an oversized chunked body as a 400 whose summary says so
                    e.status().intValue() == 413 || e.info().summary().toLowerCase(java.util.Locale.ROOT).contains("too large")
                        ? tooLargeRejection()
                        : endpoint.reject("POST", new WechatRejection(WechatRejection.Reason.BAD_PARAMETER, e.info().summary()))))
        .build();
  }

  private WechatEndpoint.Response tooLargeRejection() {
    return endpoint.reject(
        "POST", new WechatRejection(WechatRejection.Reason.TOO_LARGE, "the body is larger than " + settings.maxBodyBytes() + " bytes"));
  }

  private Route respond(WechatEndpoint.Response response) {
    ContentType.NonBinary type =
        switch (response.contentType()) {
          case WechatEndpoint.Response.XML -> XML;
          case WechatEndpoint.Response.JSON -> ContentTypes.APPLICATION_JSON;
          default -> TEXT;
        };
    return complete(HttpResponse.create().withStatus(response.status()).withEntity(HttpEntities.create(type, response.body())));
  }

  private Route timed(Supplier<Route> inner) {
    return extractRequest(
        request -> {
          long start = System.nanoTime();
          String method = request.method().name();
          return mapResponse(
              response -> {
                metrics.latency(method, System.nanoTime() - start);
                return response;
              },
              inner);
        });
  }

}
