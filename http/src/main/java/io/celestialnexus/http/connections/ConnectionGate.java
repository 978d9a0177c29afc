package io.celestialnexus.http.connections;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;

/**
 * One listener's count of open connections per client address, shared by that listener's connections (each runs in
 * its own stream, so the count is a concurrent map, touched once when a connection opens and once when it ends).
 * A connection beyond {@code max-per-client} from one address is refused, so one address cannot take the listener;
 * loopback peers are exempt when so configured (nginx on this host opens every proxied connection from there).
 *
 * <p>Metrics, tagged {@code listener}: {@code nexus_http_connections_open} (gauge),
 * {@code nexus_http_connections_refused_total{reason=per_client}} and
 * {@code nexus_http_connections_timed_out_total{reason=header|idle}}.
 */
public final class ConnectionGate {

  public static final String OPEN = "nexus.http.connections.open";
  public static final String REFUSED = "nexus.http.connections.refused";
  public static final String TIMED_OUT = "nexus.http.connections.timed.out";

  /** Why a connection was closed by a timer of ours. */
  public enum Timeout {
    /** The first request's headers did not complete in time. */
    HEADER,
    /** No next request (or not its complete headers) in time after the last response. */
    IDLE
  }

  private final ConnectionSettings settings;
  private final Map<InetAddress, Integer> perClient = new ConcurrentHashMap<>();
  private final AtomicInteger open = new AtomicInteger();
  private final Counter refusedPerClient;
  private final Counter headerTimeouts;
  private final Counter idleTimeouts;

  public ConnectionGate(String listener, ConnectionSettings settings, MeterRegistry registry) {
    this.settings = settings;
    Gauge.builder(OPEN, open, AtomicInteger::get)
        .description("Open connections on the listener")
        .tag("listener", listener)
        .strongReference(true)
        .register(registry);
    this.refusedPerClient =
        Counter.builder(REFUSED)
            .description("Connections closed at once because their client address already had max-per-client open")
            .tags("listener", listener, "reason", "per_client")
            .register(registry);
    this.headerTimeouts = timedOut(registry, listener, "header");
    this.idleTimeouts = timedOut(registry, listener, "idle");
  }

  private static Counter timedOut(MeterRegistry registry, String listener, String reason) {
    return Counter.builder(TIMED_OUT)
        .description("Connections closed because a request's headers did not arrive in time (header: the first, idle: a next one)")
        .tags("listener", listener, "reason", reason)
        .register(registry);
  }

  /** {@code handler} behind this gate: give the result to {@code bindFlow}, which materializes it once per connection. */
  public Flow<HttpRequest, HttpResponse, NotUsed> guard(Flow<HttpRequest, HttpResponse, ?> handler) {
    return BidiFlow.fromGraph(new ConnectionGuard(this)).join(handler);
  }

  public ConnectionSettings settings() {
    return settings;
  }

  /** Counts a new connection from {@code client} (null when unknown) in; false (and counted as refused) when over the limit. */
  boolean admit(InetAddress client) {
    if (client == null || (settings.exemptLoopback() && client.isLoopbackAddress())) {
      open.incrementAndGet();
      return true;
    }
    boolean[] admitted = {false};
    perClient.compute(
        client,
        (address, count) -> {
          int now = count == null ? 0 : count;
          if (now >= settings.maxPerClient()) {
            return count;
          }
          admitted[0] = true;
          return now + 1;
        });
    if (admitted[0]) {
      open.incrementAndGet();
    } else {
      refusedPerClient.increment();
    }
    return admitted[0];
  }

  /** Counts an admitted connection out. */
  void release(InetAddress client) {
    open.decrementAndGet();
    if (client == null || (settings.exemptLoopback() && client.isLoopbackAddress())) {
      return;
    }
    perClient.computeIfPresent(client, (address, count) -> count <= 1 ? null : count - 1);
  }

  void timedOut(Timeout timeout) {
    (timeout == Timeout.HEADER ? headerTimeouts : idleTimeouts).increment();
  }

  /** Open connections now (for tests and the gauge). */
  public int open() {
    return open.get();
  }
}
