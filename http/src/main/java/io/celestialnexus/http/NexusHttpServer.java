package io.celestialnexus.http;

import io.celestialnexus.engine.support.SettingsReader;
import io.celestialnexus.http.connections.ConnectionGate;
import io.celestialnexus.http.connections.ConnectionSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;
import scala.jdk.javaapi.DurationConverters;

/**
 * Binds a listener behind a {@link ConnectionGate} (connection caps, header and keep-alive timeouts) and registers it
 * with CoordinatedShutdown: unbind first, then drain requests.
 */
public final class NexusHttpServer {

  private NexusHttpServer() {}

  /** Binds with the connection settings of the system's config ({@code nexus.http.connections}), unmetered. */
  public static CompletionStage<ServerBinding> bind(
      ActorSystem<?> system, HttpSettings.Listener listener, Route route, Duration unbindDeadline) {
    var settings = ConnectionSettings.fromConfig(new SettingsReader(system.settings().config(), "nexus.http"));
    return bind(system, listener, route, unbindDeadline, new ConnectionGate("unnamed", settings, new SimpleMeterRegistry()));
  }

  public static CompletionStage<ServerBinding> bind(
      ActorSystem<?> system, HttpSettings.Listener listener, Route route, Duration unbindDeadline, ConnectionGate gate) {
    ConnectionSettings connections = gate.settings();
    return Http.get(system)
        .newServerAt(listener.host(), listener.port())
        .adaptSettings(
            settings ->
                settings
                    .withMaxConnections(connections.max())
                    // the gate counts connections per client by this attribute
                    .withRemoteAddressAttribute(true)
                    .withTimeouts(
                        settings
                            .getTimeouts()
                            .withIdleTimeout(DurationConverters.toScala(connections.idleTimeout()))
                            .withRequestTimeout(DurationConverters.toScala(connections.requestTimeout()))))
        .bindFlow(gate.guard(route.flow(system)))
        .thenApply(binding -> binding.addToCoordinatedShutdown(unbindDeadline, system));
  }
}
