package io.celestialnexus.app.ssq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.celestialnexus.app.node.NexusNode;
import io.celestialnexus.app.node.NodeConfig;
import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.app.node.TaskCatalog;
import io.celestialnexus.engine.status.StatusJson;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node with the draw intake on records the draws a (local) draw notice announces, with no hand. */
class DrawIntakeNodeTest {

  private static final String NOTICE =
      "{\"state\":0,\"message\":\"查询成功\",\"result\":["
          + "{\"code\":\"2026097\",\"date\":\"2026-08-23(日)\",\"red\":\"01,05,09,12,20,33\",\"blue\":\"09\"},"
          + "{\"code\":\"2026096\",\"date\":\"2026-08-20(四)\",\"red\":\"02,04,06,08,10,12\",\"blue\":\"16\"}]}";

  @TempDir Path dir;

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void theNodeRecordsWhatTheNoticeAnnounces() throws Exception {
    HttpServer notice = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    notice.createContext(
        "/notice",
        exchange -> {
          byte[] body = NOTICE.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    notice.start();
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String conf =
        Files.writeString(
                dir.resolve("nexus.conf"),
                "nexus.data.dir = \"" + dir.resolve("data") + "\"\n"
                    + "nexus.logs.dir = \"" + dir.resolve("logs") + "\"\n"
                    + "nexus.http.api.port = " + port + "\n"
                    + "nexus.engine.state.import-bundled-history = false\n"
                    + "nexus.engine.ssq.enabled = false\n"
                    + "nexus.engine.ssq.intake { enabled = true, url = \"http://127.0.0.1:" + notice.getAddress().getPort() + "/notice\" }\n")
            .toString();
    NodeSettings settings = NodeSettings.fromConfig(NodeConfig.load(Optional.of(Path.of(conf))));
    try (NexusNode node = NexusNode.start(settings, TaskCatalog.tasks(settings), "test")) {
      TestProbe<Object> probe = TestProbe.create(node.system());
      probe.awaitAssert(
          Duration.ofSeconds(30),
          () -> {
            JsonNode draws = json(port, "/api/draws?limit=1");
            assertEquals(2, draws.get("total").asInt(), draws.toString());
            JsonNode intake = json(port, "/api/tasks/draw-intake");
            assertEquals(2026097, intake.get("fields").get("latest").asInt(), intake.toString());
            return null;
          });
    } finally {
      notice.stop(0);
    }
  }

  private JsonNode json(int port, String path) throws Exception {
    HttpResponse<String> response =
        client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    return StatusJson.mapper().readTree(response.body());
  }
}
