package io.celestialnexus.app.alert;

import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.app.node.NexusNode;
import io.celestialnexus.app.node.NodeConfig;
import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.engine.supervision.BackoffSettings;
import io.celestialnexus.engine.task.Task;
import io.celestialnexus.engine.testing.ScriptedTask;
import io.celestialnexus.engine.testing.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real node's wiring: an alert its status board raises reaches the configured webhook. */
class AlertsNodeTest {

  @TempDir Path dir;

  @Test
  void aFlappingTaskOnARunningNodeReachesTheWebhook() throws Exception {
    try (var receivers = new RobotReceivers(Clock.systemUTC())) {
      Path conf =
          Files.writeString(
              dir.resolve("n.conf"),
              "nexus.data.dir = \"" + dir.resolve("data") + "\"\nnexus.http.api.port = 0\n"
                  + "nexus.alerts { node-name = wired, group-wait = 200ms, webhook.url = \"" + receivers.webhookUrl() + "\" }\n");
      NodeSettings settings = NodeSettings.fromConfig(NodeConfig.load(Optional.of(conf)));
      // flap-limit 1: the failure after the immediate restart marks it FLAPPING
      var flapping = new BackoffSettings(ofHours(1), ofHours(1), 0.2, ofHours(1), 1, ofHours(1));
      Task failing =
          new ScriptedTask("failing", TestSettings.with(TestSettings.every(ofMinutes(10)), flapping), (n, context) -> {
            throw new IllegalStateException("on purpose");
          });
      try (NexusNode node = NexusNode.start(settings, List.of(failing), "test")) {
        assertNotNull(node.apiAddress());
        JsonNode flap = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (flap == null && System.nanoTime() < deadline) {
          JsonNode body = receivers.webhook.poll(1, TimeUnit.SECONDS);
          if (body != null) {
            for (JsonNode alert : body.path("alerts")) {
              if (alert.path("kind").asText().equals("FLAPPING")) {
                flap = alert;
                assertEquals("wired", body.path("node").asText());
              }
            }
          }
        }
        assertNotNull(flap, "no FLAPPING alert reached the webhook");
        assertEquals("failing", flap.path("subject").asText());
        assertEquals("firing", flap.path("status").asText());
      }
    }
  }
}
