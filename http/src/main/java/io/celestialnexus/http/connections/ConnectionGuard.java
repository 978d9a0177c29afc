package io.celestialnexus.http.connections;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.apache.pekko.http.impl.engine.server.HttpAttributes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.BidiShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;

/**
 * Sits between pekko-http's connection and the route, once per connection (the handler flow given to {@code bindFlow}
 * is materialized for each connection as it is accepted). pekko-http has no timeout for reading a request's headers:
 * its idle timeout is reset by every byte, so a client sending a header line every few seconds holds a connection
 * for ever. This stage closes the connection (by completing the handler, which makes pekko-http close it) when
 *
 * <ul>
 *   <li>its client address already has {@code max-per-client} connections open: at once, before any byte is read;
 *   <li>no complete request (pekko-http hands one on once its headers are parsed) arrived within
 *       {@code request-header-timeout} of the connect;
 *   <li>no next request arrived within {@code idle-timeout} of the last response (keep-alive).
 * </ul>
 *
 * <p>A request being handled is never cut: the timer stops when a request arrives and starts again when its response
 * has been handed back. Bodies and handling time are bounded by pekko-http's request timeout.
 */
final class ConnectionGuard extends GraphStage<BidiShape<HttpRequest, HttpRequest, HttpResponse, HttpResponse>> {

  private final Inlet<HttpRequest> requestIn = Inlet.create("ConnectionGuard.requestIn");
  private final Outlet<HttpRequest> requestOut = Outlet.create("ConnectionGuard.requestOut");
  private final Inlet<HttpResponse> responseIn = Inlet.create("ConnectionGuard.responseIn");
  private final Outlet<HttpResponse> responseOut = Outlet.create("ConnectionGuard.responseOut");
  private final BidiShape<HttpRequest, HttpRequest, HttpResponse, HttpResponse> shape =
      BidiShape.of(requestIn, requestOut, responseIn, responseOut);

  private final ConnectionGate gate;

  ConnectionGuard(ConnectionGate gate) {
    this.gate = gate;
  }

  @Override
  public BidiShape<HttpRequest, HttpRequest, HttpResponse, HttpResponse> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes inheritedAttributes) {
    // pekko-http puts the peer's address on the connection's stream (remote-address-attribute, forced on by
    // NexusHttpServer); its attribute class is internal API, read here only.
    InetAddress client =
        inheritedAttributes
            .getAttribute(HttpAttributes.RemoteAddress.class)
            .map(HttpAttributes.RemoteAddress::address)
            .map(InetSocketAddress::getAddress)
            .orElse(null);
    return new TimerGraphStageLogic(shape) {
      private boolean admitted;
      private int inFlight;

      {
        setHandler(
            requestIn,
            new AbstractInHandler() {
              @Override
              public void onPush() {
                cancelTimer(ConnectionGate.Timeout.HEADER);
                cancelTimer(ConnectionGate.Timeout.IDLE);
                inFlight++;
                push(requestOut, grab(requestIn));
              }

              // the client is done sending (or pekko-http stopped reading, e.g. after a too-large body): responses
              // still owed must go out, so only this direction ends
              @Override
              public void onUpstreamFinish() {
                complete(requestOut);
              }

              @Override
              public void onUpstreamFailure(Throwable failure) {
                fail(requestOut, failure);
              }
            });
        setHandler(
            requestOut,
            new AbstractOutHandler() {
              @Override
              public void onPull() {
                pull(requestIn);
              }

              @Override
              public void onDownstreamFinish(Throwable cause) {
                cancel(requestIn, cause);
              }
            });
        setHandler(
            responseIn,
            new AbstractInHandler() {
              @Override
              public void onPush() {
                push(responseOut, grab(responseIn));
                inFlight--;
                if (inFlight == 0) {
                  scheduleOnce(ConnectionGate.Timeout.IDLE, gate.settings().idleTimeout());
                }
              }
            });
        setHandler(
            responseOut,
            new AbstractOutHandler() {
              @Override
              public void onPull() {
                pull(responseIn);
              }
            });
      }

      @Override
      public void preStart() {
        admitted = gate.admit(client);
        if (!admitted) {
          completeStage();
          return;
        }
        scheduleOnce(ConnectionGate.Timeout.HEADER, gate.settings().requestHeaderTimeout());
      }

      @Override
      public void onTimer(Object key) {
        gate.timedOut((ConnectionGate.Timeout) key);
        completeStage();
      }

      @Override
      public void postStop() {
        if (admitted) {
          gate.release(client);
        }
      }
    };
  }
}
