package io.celestialnexus.http.connections;

import io.celestialnexus.engine.support.SettingsReader;
import java.time.Duration;
import java.util.Set;

/**
 * How a listener treats connections ({@code nexus.http.connections}): at most {@code max} at once (more wait in the
 * accept backlog), at most {@code maxPerClient} from one address (more are closed at once), the first request's
 * headers within {@code requestHeaderTimeout} of the connect, the next request's within {@code idleTimeout} of the
 * last response, and a response started within {@code requestTimeout}.
 *
 * @param exemptLoopback whether loopback peers (nginx on this host) are exempt from {@code maxPerClient}
 */
public record ConnectionSettings(
    int max,
    int maxPerClient,
    boolean exemptLoopback,
    Duration requestHeaderTimeout,
    Duration idleTimeout,
    Duration requestTimeout) {

  public ConnectionSettings {
    if (max < 1 || maxPerClient < 1) {
      throw new IllegalArgumentException("connection limits must be at least 1");
    }
  }

  /** Reads {@code nexus.http.connections}. */
  public static ConnectionSettings fromConfig(SettingsReader http) {
    var connections = http.at("connections");
    return new ConnectionSettings(
        connections.integerAtLeast(1, "max"),
        connections.integerAtLeast(1, "max-per-client"),
        connections.oneOf(Set.of("loopback", "none"), "per-client-exempt").equals("loopback"),
        connections.positiveDuration("request-header-timeout"),
        connections.positiveDuration("idle-timeout"),
        connections.positiveDuration("request-timeout"));
  }

  public ConnectionSettings withMaxPerClient(int maxPerClient, boolean exemptLoopback) {
    return new ConnectionSettings(max, maxPerClient, exemptLoopback, requestHeaderTimeout, idleTimeout, requestTimeout);
  }

  public ConnectionSettings withTimeouts(Duration requestHeaderTimeout, Duration idleTimeout) {
    return new ConnectionSettings(max, maxPerClient, exemptLoopback, requestHeaderTimeout, idleTimeout, requestTimeout);
  }
}
