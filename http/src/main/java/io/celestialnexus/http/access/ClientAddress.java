package io.celestialnexus.http.access;

import java.net.InetAddress;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.RemoteAddress;

/**
 * Who sent a request, as far as the api listener can tell. The peer is the connection's own address (pekko-http's
 * {@code remote-address-attribute}, on in the http module's defaults). A request that came through a proxy is never
 * loopback, whatever the proxy's address: the proxy speaks for someone else.
 *
 * @param loopback the peer is loopback and no {@code Forwarded}, {@code X-Forwarded-For} or {@code X-Real-IP} header
 *     says it forwarded someone
 * @param key what failed attempts are counted under: the peer's address, or the {@code X-Real-IP} that a proxy on
 *     loopback (ops/nginx sets it) put there, so that clients behind the proxy are not all one client
 */
public record ClientAddress(boolean loopback, String key) {

  private static final int MAX_KEY_LENGTH = 64;

  public static ClientAddress of(HttpRequest request) {
    Optional<InetAddress> peer = request.getAttribute(AttributeKeys.remoteAddress).flatMap(RemoteAddress::getAddress);
    boolean peerLoopback = peer.map(InetAddress::isLoopbackAddress).orElse(false);
    Optional<String> realIp = request.getHeader("X-Real-IP").map(header -> header.value().strip());
    boolean forwarded =
        request.getHeader("X-Forwarded-For").isPresent() || request.getHeader("Forwarded").isPresent() || realIp.isPresent();
    String key = peer.map(InetAddress::getHostAddress).orElse("unknown");
    if (peerLoopback && realIp.isPresent() && !realIp.get().isEmpty()) {
      String proxied = realIp.get();
      key = proxied.length() > MAX_KEY_LENGTH ? proxied.substring(0, MAX_KEY_LENGTH) : proxied;
    }
    return new ClientAddress(peerLoopback && !forwarded, key);
  }
}
