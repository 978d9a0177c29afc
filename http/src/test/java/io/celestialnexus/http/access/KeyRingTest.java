package io.celestialnexus.http.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Keys as operators write them: in clear, hashed, NEXUS_API_KEY as admin; refusals that never repeat a secret. */
class KeyRingTest {

  private static String sha256(String secret) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void clearAndHashedKeysMatchTheirSecretWithTheirScope() throws Exception {
    var ring = KeyRing.of("legacy", "grafana:read:g-secret, ci:operate:sha256:" + sha256("c:i:secret"));
    assertEquals(Optional.of("NEXUS_API_KEY:ADMIN"), ring.match("legacy").map(key -> key.name() + ":" + key.scope()));
    assertEquals(Optional.of(Scope.READ), ring.match("g-secret").map(ApiKey::scope));
    // a secret may itself hold colons: only the first two separate name and scope
    assertEquals(Optional.of("ci"), ring.match("c:i:secret").map(ApiKey::name));
    assertTrue(ring.match("sha256:" + sha256("c:i:secret")).isEmpty(), "the hash is not itself a key");
    assertTrue(ring.match("g-secre").isEmpty());
    assertFalse(ring.toString().contains("g-secret"), ring.toString());
  }

  @Test
  void scopesIncludeTheOnesBelow() {
    assertTrue(Scope.ADMIN.includes(Scope.OPERATE) && Scope.OPERATE.includes(Scope.READ) && Scope.READ.includes(Scope.READ));
    assertFalse(Scope.READ.includes(Scope.OPERATE) || Scope.OPERATE.includes(Scope.ADMIN));
  }

  @Test
  void badEntriesAreRefusedWithoutRepeatingTheSecret() {
    var scope = assertThrows(IllegalArgumentException.class, () -> KeyRing.of("", "a:read:ok1, b:root:topsecret"));
    assertEquals("entry 2: the scope of key 'b' must be read, operate or admin", scope.getMessage());
    var shape = assertThrows(IllegalArgumentException.class, () -> KeyRing.of("", "topsecret"));
    assertFalse(shape.getMessage().contains("topsecret"), shape.getMessage());
    var hash = assertThrows(IllegalArgumentException.class, () -> KeyRing.of("", "c:admin:sha256:abc"));
    assertEquals("entry 1: the sha256 of key 'c' must be 64 hex digits", hash.getMessage());
    assertThrows(IllegalArgumentException.class, () -> KeyRing.of("", "a:read:one,a:admin:two"));
    assertTrue(KeyRing.of("", " , ").isEmpty());
  }
}
