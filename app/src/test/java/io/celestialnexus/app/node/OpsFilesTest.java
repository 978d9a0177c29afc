package io.celestialnexus.app.node;

import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.celestialnexus.engine.status.StatusJson;
import io.celestialnexus.engine.supervision.BackoffSettings;
import io.celestialnexus.engine.task.Task;
import io.celestialnexus.engine.testing.Promtool;
import io.celestialnexus.engine.testing.ScriptedTask;
import io.celestialnexus.engine.testing.TestSettings;
import io.celestialnexus.http.wechat.WechatSignature;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Prometheus rules and Grafana dashboard are valid, the rules fire as their unit tests say, and both
 * name only metrics a real node exposes (one with the WeChat listener, a phone, the backup task and an alert webhook configured).
 */
class OpsFilesTest {

  private static final Path OPS = Path.of("..", "ops");
  private static final Pattern METRIC = Pattern.compile("\\b((?:nexus|http_server|jvm|process|wechat)_[a-z_]+)");
  private static final String TOKEN = "ops-token";
  /** The image's name, as app/pom.xml's image profile tags it. */
  static final String IMAGE = "celestial-nexus";

  @TempDir Path dir;

  @Test
  void promtoolAcceptsTheScrapeConfigAndItsAlertRules() throws Exception {
    Promtool.run(null, "check", "config", OPS.resolve("prometheus/prometheus.yml").toString());
    Promtool.run(null, "check", "rules", OPS.resolve("prometheus/nexus-alerts.yml").toString());
  }

  @Test
  void everyAlertRuleFiresAsItsUnitTestsSay() throws Exception {
    String output = Promtool.run(null, "test", "rules", OPS.resolve("prometheus/nexus-alerts.test.yml").toString());
    assertTrue(output.contains("SUCCESS"), output);
  }

  @Test
  void theDashboardIsJsonWithPanels() throws IOException {
    var dashboard = StatusJson.mapper().readTree(OPS.resolve("grafana/nexus-dashboard.json").toFile());
    assertTrue(dashboard.get("panels").size() >= 8);
  }

  @Test
  void everyMetricTheRulesAndTheDashboardUseIsExposed() throws Exception {
    Set<String> used = new TreeSet<>();
    used.addAll(metricsIn(Files.readString(OPS.resolve("prometheus/nexus-alerts.yml"))));
    used.addAll(metricsIn(Files.readString(OPS.resolve("grafana/nexus-dashboard.json"))));
    assertTrue(used.size() > 5, used.toString());

    Path conf =
        Files.writeString(
            dir.resolve("n.conf"),
            "nexus.data.dir = \"" + dir.resolve("data") + "\"\nnexus.http.api.port = 0\n"
                + "nexus.http.wechat { token = \"" + TOKEN + "\", port = 0 }\n"
                + "nexus.backup.enabled = true\n"
                // an alert channel nobody answers for: its delivery counters exist
                + "nexus.alerts.webhook.url = \"http://127.0.0.1:" + closedPort() + "/hook\"\n"
                // a phone nobody answers for: its meters exist and its task backs off
                + "nexus.bridge.devices = [{ serial = \"ops-phone\", connection = direct, host = \"127.0.0.1\", port = " + closedPort() + " }]\n");
    NodeSettings settings = NodeSettings.fromConfig(NodeConfig.load(Optional.of(conf)));
    var flapping = new BackoffSettings(ofHours(1), ofHours(1), 0.2, ofHours(1), 1, ofHours(1));
    Task failing =
        new ScriptedTask("failing", TestSettings.with(TestSettings.every(ofMinutes(10)), flapping), (n, context) -> {
          throw new IllegalStateException("on purpose");
        });
    Task steady = new ScriptedTask("steady", TestSettings.every(ofSeconds(30)), (n, context) -> Map.of());
    List<Task> tasks = new ArrayList<>(TaskCatalog.tasks(settings).stream().filter(task -> task.name().equals("backup")).toList());
    tasks.addAll(List.of(steady, failing));
    try (NexusNode node = NexusNode.start(settings, tasks, "test")) {
      var http = java.net.http.HttpClient.newHttpClient();
      wechatTraffic(http, node.wechatAddress().orElseThrow().getPort());
      var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + node.apiAddress().getPort() + "/metrics")).build();
      ActorTestKit.create(node.system())
          .createTestProbe()
          .awaitAssert(
              ofSeconds(10),
              () -> {
                String exposition = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                for (String metric : used) {
                  assertTrue(exposition.contains(metric), "a real node exposes " + metric);
                }
                return null;
              });
    }
  }

  @Test
  void composeAndKubernetesRunTheImageAsItsUserOnItsPortsWithTheNodesProbes() throws IOException {
    var yaml = new ObjectMapper(new YAMLFactory());
    JsonNode compose = yaml.readTree(OPS.resolve("compose.yaml").toFile());
    List<JsonNode> kubernetes = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(OPS.resolve("kubernetes/nexus.yaml").toFile())) {
      yaml.readValues(parser, JsonNode.class).forEachRemaining(kubernetes::add);
    }
    JsonNode deployment = kubernetes.stream().filter(doc -> doc.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
    JsonNode pod = deployment.path("spec").path("template").path("spec");
    JsonNode node = pod.path("containers").get(0);

    String image = compose.path("services").path("nexus").path("image").asText();
    assertTrue(image.startsWith(IMAGE + ":"), image);
    assertEquals(image, node.path("image").asText());
    assertEquals(image, pod.path("initContainers").get(0).path("image").asText());
    assertEquals(List.of("db", "init"), texts(compose.path("services").path("db-init").path("command")));
    assertEquals(List.of("db", "init"), texts(pod.path("initContainers").get(0).path("args")));
    assertEquals(65532, pod.path("securityContext").path("runAsUser").asInt());
    assertEquals("Recreate", deployment.path("spec").path("strategy").path("type").asText(), "never two nodes on one data dir");
    assertEquals(Set.of(8000, 9090), Set.of(node.path("ports").get(0).path("containerPort").asInt(), node.path("ports").get(1).path("containerPort").asInt()));
    assertEquals("/health/live", node.path("livenessProbe").path("httpGet").path("path").asText());
    assertEquals("/health/ready", node.path("readinessProbe").path("httpGet").path("path").asText());
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(value -> texts.add(value.asText()));
    return texts;
  }

  /** One verification the listener accepts and one message whose signature it refuses: its meters then exist. */
  private static void wechatTraffic(HttpClient http, int port) throws Exception {
    String timestamp = Long.toString(System.currentTimeMillis() / 1000);
    String signature = WechatSignature.sign(TOKEN, timestamp, "n1");
    String base = "http://127.0.0.1:" + port + "/wechat?timestamp=" + timestamp + "&nonce=n1";
    var verified = http.send(HttpRequest.newBuilder(URI.create(base + "&signature=" + signature + "&echostr=hi")).build(), BodyHandlers.ofString());
    assertEquals("hi", verified.body());
    var refused =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "&signature=forged")).POST(HttpRequest.BodyPublishers.ofString("<xml/>")).build(),
            BodyHandlers.ofString());
    assertEquals(403, refused.statusCode());
  }

  private static int closedPort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Set<String> metricsIn(String text) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = METRIC.matcher(text);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }
}
