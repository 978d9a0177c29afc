package io.celestialnexus.http;

import io.celestialnexus.http.access.AccessSettings;
import io.celestialnexus.http.access.ApiKey;
import io.celestialnexus.http.access.ClientAddress;
import io.celestialnexus.http.access.FailedAttempts;
import io.celestialnexus.http.access.Scope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.HttpChallenge;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.model.headers.WWWAuthenticate;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may call what on the api listener. Every route but {@code /health*} goes through {@link #read} or
 * {@link #require}: a request needs {@code Authorization: Bearer <key>} with a key whose scope includes the route's
 * (401 with a Bearer challenge without a valid key, 403 when its scope is too small), except that {@link #read}
 * lets loopback callers that did not come through a proxy in without one when {@code anonymous-read = loopback}.
 * Wrong keys are counted ({@code nexus_http_auth_failures_total}) and, past the limit, refused per client for the
 * rest of the window (429 with Retry-After). A key in the URL is refused outright (URLs are logged).
 */
public final class ApiKeyAuth extends AllDirectives {

  public static final String FAILURES = "nexus.http.auth.failures";
  private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAuth.class);
  private static final String REALM = "nexus";
  private static final String BEARER = "bearer ";

  /** Why a request was refused, the {@code reason} tag of the failure counter. */
  enum Failure { MISSING, WRONG, SCOPE, THROTTLED, URL }

  private final AccessSettings access;
  private final FailedAttempts attempts;
  private final Map<Failure, Counter> failures = new EnumMap<>(Failure.class);

  public ApiKeyAuth(AccessSettings access, MeterRegistry registry) {
    this(access, registry, System::nanoTime);
  }

  ApiKeyAuth(AccessSettings access, MeterRegistry registry, LongSupplier nanoTime) {
    this.access = access;
    this.attempts = new FailedAttempts(access.maxFailures(), access.failureWindow(), access.clientsTracked(), nanoTime);
    for (Failure failure : Failure.values()) {
      failures.put(
          failure,
          Counter.builder(FAILURES)
              .description("Requests to the api listener refused for their credentials, by reason")
              .tag("reason", failure.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
  }

  /** The read scope; loopback callers need no key when {@code anonymous-read = loopback}. */
  public Route read(Supplier<Route> inner) {
    return guard(Scope.READ, access.anonymousLoopbackRead(), inner);
  }

  /** A key with at least {@code scope}, from anywhere (loopback too). */
  public Route require(Scope scope, Supplier<Route> inner) {
    return guard(scope, false, inner);
  }

  /**
   * Answers 400 (measured under {@code refusals}) to a request that carries a key in its query ({@code access_token}
   * or {@code api_key}), whatever its path; passes any other to {@code inner}.
   */
  public Route refuseKeyInUrl(HttpMetrics.Template refusals, Supplier<Route> inner) {
    return extractUri(
        uri -> {
          var query = uri.query();
          if (query.get("access_token").isPresent() || query.get("api_key").isPresent()) {
            failures.get(Failure.URL).increment();
            return refusals.measure(() -> ApiErrors.respond(
                StatusCodes.BAD_REQUEST,
                "key in url",
                "an API key in the URL is never accepted (URLs are logged); send it as 'Authorization: Bearer <key>' and replace"
                    + " the key that was sent"));
          }
          return inner.get();
        });
  }

  private Route guard(Scope needed, boolean anonymousLoopback, Supplier<Route> inner) {
    return extractRequest(
        request -> {
          Optional<String> presented = bearer(request);
          if (presented.isEmpty() && anonymousLoopback && ClientAddress.of(request).loopback()) {
            return inner.get();
          }
          if (access.keys().isEmpty()) {
            return ApiErrors.respond(
                StatusCodes.FORBIDDEN,
                "no keys",
                "no API key is configured; set NEXUS_API_KEY (an admin key) or NEXUS_API_KEYS (name:scope:key,...) and send it as"
                    + " 'Authorization: Bearer <key>'");
          }
          if (presented.isEmpty()) {
            failures.get(Failure.MISSING).increment();
            return challenge("a key is needed: send 'Authorization: Bearer <key>'");
          }
          String client = ClientAddress.of(request).key();
          Optional<Duration> refused = attempts.refusedFor(client);
          if (refused.isPresent()) {
            failures.get(Failure.THROTTLED).increment();
            long seconds = Math.max(1, (refused.get().toMillis() + 999) / 1000);
            return respondWithHeader(
                RetryAfter.create(seconds),
                () -> ApiErrors.respond(StatusCodes.TOO_MANY_REQUESTS, "too many wrong keys", "try again in " + seconds + " s"));
          }
          Optional<ApiKey> key = access.keys().match(presented.get());
          if (key.isEmpty()) {
            failures.get(Failure.WRONG).increment();
            if (attempts.failed(client) == access.maxFailures()) {
              LOG.warn(
                  "{} wrong API keys from {} within {}: refusing it until the window ends",
                  access.maxFailures(), printable(client), access.failureWindow());
            }
            return challenge("the key is not valid");
          }
          if (!key.get().scope().includes(needed)) {
            failures.get(Failure.SCOPE).increment();
            return ApiErrors.respond(
                StatusCodes.FORBIDDEN,
                "forbidden",
                "key '" + key.get().name() + "' has scope " + key.get().scope().label() + "; this needs " + needed.label());
          }
          return inner.get();
        });
  }

  private Route challenge(String detail) {
    return respondWithHeader(
        WWWAuthenticate.create(HttpChallenge.create("Bearer", REALM)), () -> ApiErrors.respond(StatusCodes.UNAUTHORIZED, "unauthorized", detail));
  }

  /** The token of an {@code Authorization: Bearer} header; another scheme counts as no key. */
  private static Optional<String> bearer(HttpRequest request) {
    return request
        .getHeader("Authorization")
        .map(header -> header.value().strip())
        .filter(value -> value.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        .map(value -> value.substring(BEARER.length()).strip());
  }

  /** The address as it may be logged: no control characters (X-Real-IP comes from a header). */
  private static String printable(String text) {
    return text.replaceAll("\\p{Cntrl}", "?");
  }
}
