package io.celestialnexus.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;

/** Listener addresses and API settings from {@code nexus.http}. {@code toString} never shows the API key. */
public record HttpSettings(Listener api, String apiKey, Duration askTimeout, Duration unbindDeadline) {

  /** A host and port to bind; port 0 picks a free one. */
  public record Listener(String host, int port) {

    public static Listener fromConfig(Config config, String path) {
      int port = config.getInt("port");
      if (port < 0 || port > 65_535) {
        throw new ConfigException.BadValue(path + ".port", "must be in 0..65535, was " + port);
      }
      return new Listener(config.getString("host"), port);
    }
  }

  public static HttpSettings fromConfig(Config http) {
    return new HttpSettings(
        Listener.fromConfig(http.getConfig("api"), "nexus.http.api"),
        http.getString("api-key"),
        http.getDuration("ask-timeout"),
        http.getDuration("unbind-deadline"));
  }

  /** Whether write endpoints are enabled at all. */
  public boolean writesEnabled() {
    return !apiKey.isEmpty();
  }

  public HttpSettings withApi(Listener listener) {
    return new HttpSettings(listener, apiKey, askTimeout, unbindDeadline);
  }

  @Override
  public String toString() {
    return "HttpSettings[api=" + api + ", apiKey=" + (writesEnabled() ? "****" : "(none)") + ", askTimeout="
        + askTimeout + ", unbindDeadline=" + unbindDeadline + "]";
  }
}
