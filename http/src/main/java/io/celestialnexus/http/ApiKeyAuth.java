package io.celestialnexus.http;

import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Guards write endpoints with {@code Authorization: Bearer <NEXUS_API_KEY>}. Without a configured key they
 * are off (403 saying how to enable them); a missing or wrong key is a 401 with a Bearer challenge. The
 * comparison is pekko-http's constant-time {@code verify}.
 */
public final class ApiKeyAuth extends AllDirectives {

  private static final String REALM = "nexus";

  private final String apiKey;

  public ApiKeyAuth(String apiKey) {
    this.apiKey = apiKey;
  }

  public Route requireKey(Supplier<Route> inner) {
    if (apiKey.isEmpty()) {
      return ApiErrors.respond(
          StatusCodes.FORBIDDEN,
          "writes disabled",
          "no API key is configured; set NEXUS_API_KEY (nexus.http.api-key) and send it as 'Authorization: Bearer <key>'");
    }
    return authenticateOAuth2(
        REALM,
        credentials -> credentials.filter(provided -> provided.verify(apiKey)).map(provided -> Optional.of("operator")).orElse(Optional.empty()),
        operator -> inner.get());
  }
}
