package io.celestialnexus.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.app.CommandLineRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandsTest {

  @TempDir Path dir;

  private String conf(String content) throws IOException {
    return Files.writeString(dir.resolve("nexus.conf"), content).toString();
  }

  @Test
  void printConfigShowsTheOperatorsValuesAndMasksSecrets() throws IOException {
    CommandLineRun run =
        CommandLineRun.of(
            "print-config",
            "--config",
            conf("nexus.http { api.port = 8123, api-key = \"topsecret-value\" }\nnexus.engine.drain-timeout = 7s"));
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("port=8123"), run.out());
    assertTrue(run.out().contains("drain-timeout=\"7s\""), run.out());
    assertTrue(run.out().contains("api-key=\"****\""), run.out());
    assertFalse(run.out().contains("topsecret-value"));
  }

  @Test
  void printConfigMasksEveryWechatAndExternalServiceSecret() throws IOException {
    CommandLineRun run =
        CommandLineRun.of(
            "print-config",
            "--config",
            conf("nexus.http.wechat { token = tok-SECRET-1, accept-tokens = \"tok-SECRET-2\", app-id = wx-visible-app,"
                + " app-secret = app-SECRET-3, encoding-aes-key = abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG }\n"
                + "nexus.engine.chat.external.api-key = ai-SECRET-4"));
    assertEquals(0, run.exitCode(), run.err());
    assertFalse(run.out().contains("SECRET"), run.out());
    assertFalse(run.out().contains("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"), run.out());
    assertTrue(run.out().contains("wx-visible-app"), run.out());
    assertTrue(run.out().contains("app-secret=\"****\""), run.out());
  }

  @Test
  void aMalformedEncodingAesKeyExitsTwoNamingTheKeyWithoutEchoingIt() throws IOException {
    CommandLineRun run = CommandLineRun.of("print-config", "--config", conf("nexus.http.wechat.encoding-aes-key = short-SECRET"));
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("nexus.http.wechat.encoding-aes-key"), run.err());
    assertFalse(run.err().contains("short-SECRET"), run.err());
  }

  @Test
  void aNegativeIntervalExitsTwoWithOneLineNamingTheKey() throws IOException {
    CommandLineRun run = CommandLineRun.of("print-config", "--config", conf("nexus.engine.tasks.housekeeping.interval = -1s"));
    assertEquals(2, run.exitCode());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertTrue(run.err().contains("nexus.engine.tasks.housekeeping.interval"), run.err());
    assertTrue(run.err().contains("must not be negative"), run.err());
  }

  @Test
  void aMalformedDurationExitsTwo() throws IOException {
    CommandLineRun run = CommandLineRun.of("start", "--config", conf("nexus.engine.drain-timeout = soon"));
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("nexus: invalid configuration:"), run.err());
    assertTrue(run.err().contains("drain-timeout"), run.err());
  }

  @Test
  void anUnknownLogFormatExitsTwo() throws IOException {
    CommandLineRun run = CommandLineRun.of("print-config", "--config", conf("nexus.logs.format = xml"));
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("nexus.logs.format"), run.err());
  }

  @Test
  void aMissingConfigFileExitsTwo() {
    CommandLineRun run = CommandLineRun.of("check", "--config", dir.resolve("nope.conf").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("nope.conf"), run.err());
  }

  @Test
  void versionNamesPekko() {
    CommandLineRun run = CommandLineRun.of("version");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().startsWith("nexus "), run.out());
    assertTrue(run.out().contains("Apache Pekko 1."), run.out());
  }

  @Test
  void printConfigMasksTheScopedKeysAndABadEntryNamesNoSecret() throws IOException {
    CommandLineRun run =
        CommandLineRun.of("print-config", "--config", conf("nexus.http.api-keys = \"grafana:read:scoped-SECRET-1\""));
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("api-keys=\"****\""), run.out());
    assertFalse(run.out().contains("scoped-SECRET-1"));
    CommandLineRun bad = CommandLineRun.of("print-config", "--config", conf("nexus.http.api-keys = \"grafana:root:scoped-SECRET-2\""));
    assertEquals(2, bad.exitCode(), bad.out() + bad.err());
    assertTrue(bad.err().contains("must be read, operate or admin"), bad.err());
    assertFalse((bad.out() + bad.err()).contains("scoped-SECRET-2"));
  }
}
