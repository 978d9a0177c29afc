package io.celestialnexus.app.node;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.bridge.fake.FakeAdbd;
import io.celestialnexus.bridge.fake.WeChatModel;
import io.celestialnexus.engine.status.StatusJson;
import io.celestialnexus.engine.testing.Promtool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole node driving a (fake) phone from its configuration: the phone's message is answered by the node's
 * skill router, the phone is an entry of /status and of /api/devices, a message is sent through the API, and
 * the bridge's meters pass promtool on /metrics.
 */
class NodeBridgeTest {

  private static final String KEY = "node-key";

  @TempDir Path dir;

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void aConfiguredPhoneIsDrivenByTheNode() throws Exception {
    WeChatModel model = new WeChatModel().chat("张三");
    try (FakeAdbd phone = FakeAdbd.start(model)) {
      Path conf =
          Files.writeString(
              dir.resolve("nexus.conf"),
              "nexus.data.dir = \"" + dir.resolve("data") + "\"\nnexus.logs.dir = \"" + dir.resolve("logs") + "\"\n"
                  + "nexus.http.api.port = 0\nnexus.http.api-key = \"" + KEY + "\"\n"
                  + "nexus.bridge {\n devices = [{ serial = \"phone-1\", connection = direct, host = \"127.0.0.1\", port = "
                  + phone.port() + " }]\n poll.interval = 100ms\n pauses { min = 0s, max = 0s }\n}\n");
      try (NexusNode node = NexusNode.start(NodeSettings.fromConfig(NodeConfig.load(Optional.of(conf))), List.of(), "test")) {
        String base = "http://127.0.0.1:" + node.apiAddress().getPort();
        TestProbe<Object> probe = ActorTestKit.create(node.system()).createTestProbe();

        model.incoming("张三", "张三", "帮助");
        probe.awaitAssert(ofSeconds(20), () -> {
          List<String> sent = sent(model);
          assertEquals(1, sent.size(), sent.toString());
          assertTrue(sent.get(0).startsWith("张三:可以发送："), "the node's skills answered: " + sent); // the help menu
          return null;
        });

        JsonNode status = json(get(base + "/status"));
        JsonNode task = null;
        for (JsonNode each : status.get("tasks")) {
          if (each.get("name").asText().equals("device-phone-1")) {
            task = each;
          }
        }
        assertTrue(task != null, status.toString());
        assertEquals("RUNNING", task.get("state").asText());

        JsonNode devices = json(get(base + "/api/devices"));
        assertEquals("phone-1", devices.get(0).get("serial").asText());
        assertEquals("8.0.48", devices.get(0).get("wechatVersion").asText());

        HttpResponse<String> accepted =
            client.send(
                HttpRequest.newBuilder(URI.create(base + "/api/devices/phone-1/messages"))
                    .header("Authorization", "Bearer " + KEY)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"chat\":\"张三\",\"text\":\"今晚八点开奖\",\"key\":\"draw-1\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        probe.awaitAssert(ofSeconds(20), () -> {
          assertTrue(sent(model).contains("张三:今晚八点开奖"), sent(model).toString());
          return null;
        });

        HttpResponse<byte[]> screenshot =
            client.send(
                HttpRequest.newBuilder(URI.create(base + "/api/devices/phone-1/screenshot.png")).header("Authorization", "Bearer " + KEY).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, screenshot.statusCode());
        assertEquals("image/png", screenshot.headers().firstValue("Content-Type").orElse(""));

        String metrics = get(base + "/metrics").body();
        assertTrue(metrics.contains("nexus_bridge_messages_sent_total{device=\"phone-1\"} 2"), metrics);
        assertTrue(metrics.contains("nexus_bridge_ui_dump_parse_seconds_bucket{device=\"phone-1\""), metrics);
        Promtool.assertValid(metrics);
      }
    }
  }

  private static List<String> sent(WeChatModel model) {
    return model.sent().stream().map(sent -> sent.chat() + ":" + sent.text()).toList();
  }

  /** With the key: phones are never shown without one, even to loopback. */
  private HttpResponse<String> get(String url) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    assertEquals(200, response.statusCode(), response.body());
    return StatusJson.mapper().readTree(response.body());
  }
}
