package io.celestialnexus.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.celestialnexus.engine.support.SettingsReader;
import io.celestialnexus.http.access.AccessSettings;
import io.celestialnexus.http.access.KeyRing;
import io.celestialnexus.http.connections.ConnectionSettings;
import java.time.Duration;

/**
 * Listener addresses, API settings and both listeners' connection limits from {@code nexus.http}. {@code apiKey} is NEXUS_API_KEY, the admin key the
 * command line sends; {@code access} holds every accepted key. {@code toString} never shows a secret.
 */
public record HttpSettings(
    Listener api, String apiKey, Duration unbindDeadline, AccessSettings access, ConnectionSettings connections) {

  /** Only {@code apiKey} (admin) is accepted; loopback callers read without a key; connections as shipped. */
  public HttpSettings(Listener api, String apiKey, Duration unbindDeadline) {
    this(api, apiKey, unbindDeadline, AccessSettings.withKeys(KeyRing.of(apiKey, "")), shippedConnections());
  }

  private static ConnectionSettings shippedConnections() {
    return ConnectionSettings.fromConfig(new SettingsReader(ConfigFactory.defaultReference(), "nexus.http"));
  }

  /** A host and port to bind; port 0 picks a free one. */
  public record Listener(String host, int port) {

    public static Listener fromConfig(SettingsReader listener) {
      return new Listener(listener.string("host"), listener.integerIn(0, 65_535, "port"));
    }
  }

  /** Reads {@code nexus.http} from the root config. */
  public static HttpSettings fromConfig(Config root) {
    var http = new SettingsReader(root, "nexus.http");
    return new HttpSettings(
        Listener.fromConfig(http.at("api")),
        http.string("api-key"),
        http.positiveDuration("unbind-deadline"),
        AccessSettings.fromConfig(http),
        ConnectionSettings.fromConfig(http));
  }

  /** Whether any key is configured (without one, only loopback reads and health answer). */
  public boolean writesEnabled() {
    return !access.keys().isEmpty();
  }

  public HttpSettings withApi(Listener listener) {
    return new HttpSettings(listener, apiKey, unbindDeadline, access, connections);
  }

  public HttpSettings withAccess(AccessSettings access) {
    return new HttpSettings(api, apiKey, unbindDeadline, access, connections);
  }

  @Override
  public String toString() {
    return "HttpSettings[api=" + api + ", apiKey=" + (apiKey.isEmpty() ? "(none)" : "****") + ", unbindDeadline="
        + unbindDeadline + ", access=" + access + ", connections=" + connections + "]";
  }
}
