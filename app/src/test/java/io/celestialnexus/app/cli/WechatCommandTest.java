package io.celestialnexus.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.app.CommandLineRun;
import io.celestialnexus.app.node.NexusNode;
import io.celestialnexus.app.node.NodeConfig;
import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.app.node.TaskCatalog;
import io.celestialnexus.engine.status.StatusJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code nexus wechat verify|simulate} against a whole node (its wechat listener, the standard skills) on free
 * ports, the way an operator checks a deployment.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WechatCommandTest {

  private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

  private Path dir;
  private NexusNode node;
  private String conf;
  private String webhook;

  @BeforeAll
  void startNode() throws Exception {
    dir = Files.createTempDirectory("wechat-cli");
    conf =
        Files.writeString(
                dir.resolve("nexus.conf"),
                "nexus.data.dir = \"" + dir.resolve("data") + "\"\nnexus.logs.dir = \"" + dir.resolve("logs") + "\"\n"
                    + "nexus.http.api.port = 0\n"
                    + "nexus.http.wechat { port = 0, token = cli-token, encoding-aes-key = " + KEY + ", app-id = wx1234567890abcdef,"
                    + " original-id = gh_cli_test }\n")
            .toString();
    NodeSettings settings = NodeSettings.fromConfig(NodeConfig.load(Optional.of(Path.of(conf))));
    node = NexusNode.start(settings, TaskCatalog.tasks(settings), "test");
    webhook = "http://127.0.0.1:" + node.wechatAddress().orElseThrow().getPort() + "/wechat";
  }

  @AfterAll
  void stopNode() {
    node.close();
  }

  @Test
  void verifyPassesAgainstTheNodesWebhook() {
    CommandLineRun run = CommandLineRun.of("wechat", "verify", webhook, "--config", conf);
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().startsWith("PASS  " + webhook), run.out());
  }

  @Test
  void verifyFailsWithAnotherToken() throws Exception {
    String other =
        Files.writeString(dir.resolve("other.conf"), "nexus.http.wechat.token = someone-elses-token\n").toString();
    CommandLineRun run = CommandLineRun.of("wechat", "verify", webhook, "--config", other);
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().startsWith("FAIL") && run.out().contains("HTTP 403"), run.out());
  }

  @Test
  void verifyWithoutATokenIsAConfigurationError() throws Exception {
    String none = Files.writeString(dir.resolve("none.conf"), "nexus.http.wechat.token = \"\"\n").toString();
    CommandLineRun run = CommandLineRun.of("wechat", "verify", webhook, "--config", none);
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("nexus.http.wechat.token"), run.err());
  }

  @Test
  void simulateEncryptedPrintsTheDecryptedMenu() {
    CommandLineRun run = CommandLineRun.of("wechat", "simulate", "帮助", "--encrypted", "--url", webhook, "--config", conf);
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().startsWith("可以发送："), run.out());
    assertTrue(run.out().contains("八字"), run.out());
  }

  @Test
  void simulateWithoutEncryptedStillEncryptsForASafeModeNodeAndAsksItsStatus() {
    CommandLineRun run = CommandLineRun.of("wechat", "simulate", "状态", "--url", webhook, "--config", conf);
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().startsWith("系统健康："), run.out());
  }

  @Test
  void statusShowsTheWechatListenerAsAComponent() throws Exception {
    var response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.apiAddress().getPort() + "/status")).build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode wechat = null;
    for (JsonNode component : StatusJson.mapper().readTree(response.body()).get("components")) {
      if (component.get("name").asText().equals("wechat")) {
        wechat = component;
      }
    }
    assertTrue(wechat != null && wechat.get("up").asBoolean(), response.body());
    assertTrue(wechat.get("detail").asText().endsWith("/wechat"));
    assertFalse(response.body().contains("cli-token"));
  }
}
