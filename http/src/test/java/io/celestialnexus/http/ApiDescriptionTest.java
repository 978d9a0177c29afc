package io.celestialnexus.http;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.celestialnexus.engine.backup.BackupSource;
import io.celestialnexus.engine.chaos.ChaosAssaults;
import io.celestialnexus.engine.device.DeviceDirectory;
import io.celestialnexus.engine.ssq.loop.PredictionService;
import io.celestialnexus.engine.support.EngineClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The served OpenAPI document describes every route the api listener has, and Swagger UI shows it. */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDescriptionTest {

  @JUnit5TestKit public ActorTestKit testKit = ActorTestKit.create();

  private final HttpClient client = HttpClient.newHttpClient();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private Set<String> servedTemplates;
  private String base;

  @BeforeAll
  void bind() throws Exception {
    var settings = new HttpSettings(new HttpSettings.Listener("127.0.0.1", 0), "k", ofSeconds(1));
    var chaos = new ChaosAssaults(Set.of("t"), 10, EngineClock.system(), registry);
    // the engine is never asked here: these routes only serve static documents
    var routes =
        new ApiRoutes(
            Unasked.status(), Unasked.tasks(), Unasked.draws(), DeviceDirectory.unavailable(), PredictionService.unavailable(),
            BackupSource.unavailable(), settings, registry, Optional.of(chaos));
    servedTemplates = routes.templates();
    var binding =
        NexusHttpServer.bind(testKit.system(), settings.api(), routes.route(), ofSeconds(1)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + binding.localAddress().getPort();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theOpenApiDocumentCoversEveryServedRoute() throws Exception {
    HttpResponse<String> response = get("/api/openapi.yaml");
    assertEquals(200, response.statusCode());
    JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(response.body());
    assertTrue(spec.get("openapi").asText().startsWith("3."));
    assertTrue(servedTemplates.containsAll(Set.of("/api/tasks/{name}/{action}", "/api/chaos/tasks/{name}", "/status")), servedTemplates.toString());
    Set<String> documented = new HashSet<>();
    spec.get("paths").fieldNames().forEachRemaining(documented::add);
    for (String template : servedTemplates) {
      if (!template.equals("unmatched") && !template.equals("key in url") && !template.equals("/docs/{asset}")) {
        assertTrue(documented.contains(template), "the OpenAPI document describes " + template);
      }
    }
  }

  @Test
  void swaggerUiIsServedAtDocs() throws Exception {
    HttpResponse<String> page = get("/docs");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("SwaggerUIBundle") && page.body().contains("/api/openapi.yaml"));
    assertEquals(200, get("/docs/swagger-ui-bundle.js").statusCode());
    assertEquals(200, get("/docs/swagger-ui.css").statusCode());
    assertEquals(404, get("/docs/no-such-asset.js").statusCode());
  }
}
