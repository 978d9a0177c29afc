package io.celestialnexus.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import io.celestialnexus.bridge.adb.AdbEndpoint;
import io.celestialnexus.engine.testing.TestEngineSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nexus.bridge as an operator writes it: the shipped defaults, device entries, and errors that name the key. */
class BridgeSettingsTest {

  @TempDir Path root;

  private BridgeSettings read(String overrides) {
    return BridgeSettings.fromConfig(TestEngineSettings.config(root, overrides));
  }

  @Test
  void theShippedDefaultsDriveNoPhoneAndPauseLikeAPerson() {
    BridgeSettings settings = read("");
    assertTrue(settings.devices().isEmpty());
    assertFalse(settings.discovery().enabled());
    assertEquals(Duration.ofSeconds(3), settings.poll().interval());
    assertEquals(Duration.ofSeconds(3), settings.poll().answerWait());
    assertEquals(Duration.ofMillis(300), settings.phone().pauseMin());
    assertEquals(Duration.ofSeconds(3), settings.phone().pauseMax());
    assertEquals(3, settings.send().maxAttempts());
    assertEquals(root.resolve("data/adb/adbkey").toAbsolutePath(), settings.adb().keyFile());
    assertEquals(Duration.ZERO, ((io.celestialnexus.engine.task.Schedule.Fixed) settings.deviceTask().schedule()).interval());
  }

  @Test
  void devicesAreReachedThroughAnAdbServerOrDirectly() {
    BridgeSettings settings =
        read(
            """
            nexus.bridge.adb-server { host = localhost, port = 5038 }
            nexus.bridge.devices = [
              { serial = "R58M41ABCDE" }
              { serial = "lab", adb-server { host = "10.0.0.2" } }
              { serial = "kitchen", connection = direct, host = "192.168.1.20" }
            ]
            """);
    assertEquals(
        List.of(
            new AdbEndpoint.ViaServer("R58M41ABCDE", "127.0.0.1", 5038),
            new AdbEndpoint.ViaServer("lab", "10.0.0.2", 5038),
            new AdbEndpoint.Direct("kitchen", "192.168.1.20", 5555)),
        settings.devices().stream().map(BridgeSettings.DeviceSpec::endpoint).toList());
  }

  @Test
  void aBadDeviceEntryNamesItsIndexAndKey() {
    assertMessage("nexus.bridge.devices[1].host", "nexus.bridge.devices = [{ serial = a }, { serial = b, connection = direct }]");
    assertMessage("nexus.bridge.devices[0].connection", "nexus.bridge.devices = [{ serial = a, connection = usb }]");
    assertMessage("nexus.bridge.devices[1].serial", "nexus.bridge.devices = [{ serial = a }, { serial = a }]");
    assertMessage("nexus.bridge.devices[0].port", "nexus.bridge.devices = [{ serial = a, connection = direct, host = h, port = 70000 }]");
  }

  @Test
  void outOfRangeValuesNameTheirKey() {
    assertMessage("nexus.bridge.poll.jitter", "nexus.bridge.poll.jitter = 1.5");
    assertMessage("nexus.bridge.pauses.max", "nexus.bridge.pauses { min = 2s, max = 1s }");
    assertMessage("nexus.bridge.send.max-attempts", "nexus.bridge.send.max-attempts = 0");
  }

  private void assertMessage(String key, String overrides) {
    ConfigException failure = assertThrows(ConfigException.class, () -> read(overrides));
    assertTrue(failure.getMessage().contains(key), failure.getMessage());
  }
}
