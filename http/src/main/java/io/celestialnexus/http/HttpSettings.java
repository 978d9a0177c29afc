package io.celestialnexus.http;

import com.typesafe.config.Config;
import io.celestialnexus.engine.support.SettingsReader;
import java.time.Duration;

/** Listener addresses and API settings from {@code nexus.http}. {@code toString} never shows the API key. */
public record HttpSettings(Listener api, String apiKey, Duration unbindDeadline) {

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
        http.positiveDuration("unbind-deadline"));
  }

  /** Whether write endpoints are enabled at all. */
  public boolean writesEnabled() {
    return !apiKey.isEmpty();
  }

  public HttpSettings withApi(Listener listener) {
    return new HttpSettings(listener, apiKey, unbindDeadline);
  }

  @Override
  public String toString() {
    return "HttpSettings[api=" + api + ", apiKey=" + (writesEnabled() ? "****" : "(none)") + ", unbindDeadline="
        + unbindDeadline + "]";
  }
}
