package io.celestialnexus.http.access;

import io.celestialnexus.engine.support.SettingsReader;
import java.time.Duration;
import java.util.Set;

/**
 * Who may use the api listener, from {@code nexus.http}: the keys ({@code api-key}, an admin key, plus
 * {@code api-keys}), whether loopback callers read without one ({@code anonymous-read}), and how wrong keys are
 * slowed ({@code auth-failures}). {@code toString} names keys, never their secrets.
 */
public record AccessSettings(KeyRing keys, boolean anonymousLoopbackRead, int maxFailures, Duration failureWindow, int clientsTracked) {

  /** Loopback callers read without a key; 10 wrong keys a minute per client. */
  public static AccessSettings withKeys(KeyRing keys) {
    return new AccessSettings(keys, true, 10, Duration.ofMinutes(1), 10_000);
  }

  /** Reads the access keys of {@code nexus.http}. */
  public static AccessSettings fromConfig(SettingsReader http) {
    KeyRing keys;
    try {
      keys = KeyRing.of(http.string("api-key"), http.string("api-keys"));
    } catch (IllegalArgumentException e) {
      throw http.invalid("api-keys", e.getMessage());
    }
    var failures = http.at("auth-failures");
    return new AccessSettings(
        keys,
        http.oneOf(Set.of("loopback", "none"), "anonymous-read").equals("loopback"),
        failures.integerAtLeast(1, "max-per-client"),
        failures.positiveDuration("window"),
        failures.integerAtLeast(1, "clients-tracked"));
  }
}
