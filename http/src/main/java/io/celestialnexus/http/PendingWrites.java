package io.celestialnexus.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Writes the engine did not confirm in time. The command was handed to the entity, which holds it while it waits out
 * a journal outage and applies it when the journal is back (only the write that met the failure itself is dropped):
 * answering 503 made a client think nothing happened while most such writes were stored later. Such a write is answered {@code 202 {"status":"PENDING", "location", "detail"}} with a
 * {@code Location} where the client sees whether it was stored, and the detail says whether repeating it is safe.
 * Counted as {@code nexus_http_writes_pending_total{route}}.
 */
final class PendingWrites {

  static final String PENDING = "nexus.http.writes.pending";

  /** The body of a 202 for an unconfirmed write. */
  record Pending(String status, String location, String detail) {}

  private PendingWrites() {}

  /** {@code write}'s answer, or empty when it was not confirmed in time (every other failure stays a failure). */
  static <T> CompletionStage<Optional<T>> orUnconfirmed(CompletionStage<T> write) {
    return write
        .thenApply(Optional::of)
        .exceptionallyCompose(
            failure -> unconfirmed(failure) ? CompletableFuture.completedFuture(Optional.empty()) : CompletableFuture.failedFuture(failure));
  }

  static boolean unconfirmed(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof TimeoutException;
  }

  /** 202 with {@code location} in the header and body, counted under {@code route}. */
  static Route accepted(MeterRegistry registry, String route, String location, String detail) {
    Counter.builder(PENDING)
        .description("Writes answered 202 PENDING: handed to the engine but not confirmed in time (the journal may be down)")
        .tag("route", route)
        .register(registry)
        .increment();
    return Directives.respondWithHeader(
        Location.create(location),
        () -> Directives.complete(StatusCodes.ACCEPTED, new Pending("PENDING", location, detail), Json.marshaller()));
  }
}
