package io.celestialnexus.http;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;

/** Binds a listener and registers it with CoordinatedShutdown: unbind first, then drain requests. */
public final class NexusHttpServer {

  private NexusHttpServer() {}

  public static CompletionStage<ServerBinding> bind(
      ActorSystem<?> system, HttpSettings.Listener listener, Route route, Duration unbindDeadline) {
    return Http.get(system)
        .newServerAt(listener.host(), listener.port())
        .bind(route)
        .thenApply(binding -> binding.addToCoordinatedShutdown(unbindDeadline, system));
  }
}
