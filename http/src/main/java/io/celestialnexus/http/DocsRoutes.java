package io.celestialnexus.http;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/openapi.yaml} (the API described in OpenAPI 3, a resource kept next to the routes) and
 * {@code GET /docs}, Swagger UI over it, served from the swagger-ui webjar. Both need the read scope (loopback callers may read without a key).
 */
public final class DocsRoutes extends AllDirectives {

  private static final String OPENAPI = "openapi/nexus.yaml";
  private static final String DOCS_PAGE = "web/docs.html";

  private final HttpMetrics metrics;
  private final ApiKeyAuth auth;
  private final String swaggerRoot;

  public DocsRoutes(HttpMetrics metrics, ApiKeyAuth auth) {
    this.metrics = metrics;
    this.auth = auth;
    this.swaggerRoot = swaggerRoot();
  }

  public Route route() {
    var openApi = metrics.template("/api/openapi.yaml");
    var page = metrics.template("/docs");
    var asset = metrics.template("/docs/{asset}");
    return concat(
        path(
            segment("api").slash("openapi.yaml"),
            () ->
                openApi.measure(
                    () -> get(() -> auth.read(() -> getFromResource(OPENAPI, MediaTypes.applicationWithOpenCharset("yaml").toContentType(HttpCharsets.UTF_8)))))),
        pathPrefix(
            "docs",
            () ->
                concat(
                    pathEndOrSingleSlash(() -> page.measure(() -> get(() -> auth.read(() -> getFromResource(DOCS_PAGE, ContentTypes.TEXT_HTML_UTF8))))),
                    asset.measure(() -> get(() -> auth.read(() -> getFromResourceDirectory(swaggerRoot)))))));
  }

  private static String swaggerRoot() {
    var properties = new Properties();
    try (InputStream in = DocsRoutes.class.getClassLoader().getResourceAsStream("web/docs.properties")) {
      if (in == null) {
        throw new IllegalStateException("web/docs.properties is missing from the http jar");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("swagger-ui.root");
  }
}
