package io.celestialnexus.app.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.app.CommandLineRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nexus alerts test} against the robot stand-ins: one line per channel, exit 0 only when all took it. */
class AlertsTestCommandTest {

  @TempDir Path dir;

  @Test
  void sendsATestAlertToEveryChannelAndPrintsEachOutcome() throws Exception {
    try (var receivers = new RobotReceivers(Clock.systemUTC())) {
      Path conf =
          Files.writeString(
              dir.resolve("alerts.conf"),
              "nexus.alerts {\n"
                  + "  webhook.url = \"" + receivers.webhookUrl() + "\"\n"
                  + "  wecom.url = \"" + receivers.wecomUrl() + "\"\n"
                  + "  dingtalk { url = \"" + receivers.dingtalkUrl() + "\", secret = \"" + RobotReceivers.DINGTALK_SECRET + "\" }\n"
                  + "  feishu { url = \"" + receivers.feishuUrl() + "\", secret = \"" + RobotReceivers.FEISHU_SECRET + "\" }\n"
                  + "}\n");
      var run = CommandLineRun.of("alerts", "test", "--config", conf.toString());
      assertEquals(0, run.exitCode(), run.out() + run.err());
      for (String channel : new String[] {"webhook", "wecom", "dingtalk", "feishu"}) {
        assertTrue(run.out().lines().anyMatch(line -> line.startsWith(channel) && line.contains("sent (")), run.out());
      }
      String text = receivers.feishu.poll(5, TimeUnit.SECONDS).path("content").path("text").asText();
      assertTrue(text.contains("[FIRING] TEST"), text);
    }
  }

  @Test
  void aChannelThatRefusesIsReportedWithItsReasonAndExit1() throws Exception {
    try (var receivers = new RobotReceivers(Clock.systemUTC())) {
      Path conf =
          Files.writeString(
              dir.resolve("alerts.conf"),
              "nexus.alerts {\n"
                  + "  webhook.url = \"" + receivers.webhookUrl() + "\"\n"
                  + "  dingtalk { url = \"" + receivers.dingtalkUrl() + "\", secret = \"SECwrong\" }\n"
                  + "}\n");
      var run = CommandLineRun.of("alerts", "test", "--config", conf.toString());
      assertEquals(1, run.exitCode(), run.out() + run.err());
      assertTrue(run.out().contains("webhook   sent"), run.out());
      assertTrue(run.out().contains("dingtalk  FAILED: refused: "), run.out());
      assertTrue(run.out().contains("sign not match"), run.out());
      assertFalse(run.out().contains(RobotReceivers.DINGTALK_TOKEN), "the robot's token must not be printed");
    }
  }

  @Test
  void noChannelConfiguredSaysWhichVariablesToSet() {
    var run = CommandLineRun.of("alerts", "test");
    assertEquals(1, run.exitCode());
    assertTrue(run.out().contains("NEXUS_ALERT_WEBHOOK_URL"), run.out());
  }

  @Test
  void printConfigMasksTheChannelsUrlsAndSecrets() throws Exception {
    Path conf =
        Files.writeString(
            dir.resolve("alerts.conf"),
            "nexus.alerts { wecom.url = \"https://qyapi.example/cgi-bin/webhook/send?key=wecom-key-secret\"\n"
                + "feishu { url = \"https://open.example/open-apis/bot/v2/hook/hook-token\", secret = \"feishu-sign-secret\" } }\n");
    var run = CommandLineRun.of("print-config", "--config", conf.toString());
    assertEquals(0, run.exitCode(), run.err());
    for (String secret : new String[] {"wecom-key-secret", "hook-token", "feishu-sign-secret"}) {
      assertFalse(run.out().contains(secret), secret + " printed:\n" + run.out());
    }
  }
}
