package io.celestialnexus.http.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.celestialnexus.http.HttpSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** nexus.http's access keys as the node reads them, over the shipped defaults; secrets never in what it prints. */
class AccessSettingsTest {

  private static HttpSettings read(String overrides) {
    return HttpSettings.fromConfig(ConfigFactory.parseString(overrides).withFallback(ConfigFactory.defaultReference()).resolve());
  }

  @Test
  void theDefaultsLetLoopbackReadAndKnowNoKey() {
    var access = read("nexus.data.dir = x\nnexus.http.api-key = \"\"\nnexus.http.api-keys = \"\"").access();
    assertTrue(access.anonymousLoopbackRead());
    assertTrue(access.keys().isEmpty());
    assertEquals(10, access.maxFailures());
    assertEquals(Duration.ofMinutes(1), access.failureWindow());
  }

  @Test
  void theAdminKeyAndTheScopedKeysAreAllAcceptedAndNeverPrinted() {
    var http =
        read(
            "nexus.data.dir = x\nnexus.http { api-key = admin-SECRET, api-keys = \"ci:operate:ci-SECRET\", anonymous-read = none,"
                + " auth-failures.max-per-client = 3 }");
    assertEquals(Scope.ADMIN, http.access().keys().match("admin-SECRET").orElseThrow().scope());
    assertEquals(Scope.OPERATE, http.access().keys().match("ci-SECRET").orElseThrow().scope());
    assertFalse(http.access().anonymousLoopbackRead());
    assertEquals(3, http.access().maxFailures());
    assertFalse(http.toString().contains("SECRET"), http.toString());
    assertTrue(http.toString().contains("ci:operate"), http.toString());
  }

  @Test
  void aBadEntryOrModeIsAConfigErrorNamingTheKeyNotTheSecret() {
    var entry =
        assertThrows(ConfigException.class, () -> read("nexus.data.dir = x\nnexus.http.api-keys = \"ci:sudo:ci-SECRET\""));
    assertTrue(entry.getMessage().contains("nexus.http.api-keys"), entry.getMessage());
    assertFalse(entry.getMessage().contains("ci-SECRET"), entry.getMessage());
    var mode = assertThrows(ConfigException.class, () -> read("nexus.data.dir = x\nnexus.http.anonymous-read = everyone"));
    assertTrue(mode.getMessage().contains("anonymous-read"), mode.getMessage());
  }
}
