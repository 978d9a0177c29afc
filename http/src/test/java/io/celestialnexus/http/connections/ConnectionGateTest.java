package io.celestialnexus.http.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.celestialnexus.engine.support.SettingsReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionGateTest {

  private static final InetAddress OTHER = address("203.0.113.7");
  private static final InetAddress THIRD = address("198.51.100.1");
  private static final InetAddress LOOPBACK = address("127.0.0.1");

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ConnectionSettings settings(boolean exemptLoopback) {
    return new ConnectionSettings(100, 2, exemptLoopback, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(20));
  }

  @Test
  void oneAddressGetsMaxPerClientAndAReleasedSlotIsFreeAgain() {
    var registry = new SimpleMeterRegistry();
    var gate = new ConnectionGate("api", settings(true), registry);
    assertTrue(gate.admit(OTHER));
    assertTrue(gate.admit(OTHER));
    assertFalse(gate.admit(OTHER));
    assertTrue(gate.admit(THIRD), "another address has its own count");
    assertEquals(3, gate.open());
    gate.release(OTHER);
    assertTrue(gate.admit(OTHER));
    assertEquals(1.0, registry.get(ConnectionGate.REFUSED).tag("listener", "api").counter().count());
  }

  @Test
  void loopbackIsExemptOnlyWhenConfigured() {
    var exempt = new ConnectionGate("api", settings(true), new SimpleMeterRegistry());
    for (int i = 0; i < 10; i++) {
      assertTrue(exempt.admit(LOOPBACK));
    }
    var limited = new ConnectionGate("api", settings(false), new SimpleMeterRegistry());
    assertTrue(limited.admit(LOOPBACK));
    assertTrue(limited.admit(LOOPBACK));
    assertFalse(limited.admit(LOOPBACK));
  }

  @Test
  void shippedDefaultsAndTheirChecks() {
    var shipped = ConnectionSettings.fromConfig(new SettingsReader(ConfigFactory.defaultReference(), "nexus.http"));
    assertEquals(new ConnectionSettings(1024, 64, true, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(20)), shipped);
    var wrong = ConfigFactory.parseString("nexus.http.connections.per-client-exempt = everyone").withFallback(ConfigFactory.defaultReference());
    assertThrows(com.typesafe.config.ConfigException.class, () -> ConnectionSettings.fromConfig(new SettingsReader(wrong, "nexus.http")));
  }
}
