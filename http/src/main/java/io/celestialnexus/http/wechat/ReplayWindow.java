package io.celestialnexus.http.wechat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signed URLs (timestamp + nonce) of accepted messages, each with its body's SHA-256, kept until the timestamp
 * leaves the skew window (after that the timestamp check refuses the URL anyway). WeChat's plain {@code signature}
 * covers token, timestamp and nonce but not the body, so without this anyone who sees one signed URL (a proxy's
 * access log) could post any message under it for the whole window.
 *
 * <p>The same URL with the same body is WeChat's own retry (it re-sends the identical request when we are slow), so
 * it is let through to the dedup window; with another body it is a replay. The key leaves out the signature: it is
 * derived from timestamp and nonce, and keying without it stops one push being replayed in another mode under its
 * other signature parameter.
 *
 * <p>Memory is bounded: above {@code maxEntries} the oldest URL is forgotten first. With the skew check off (a zero
 * window) URLs are forgotten only that way. A restart forgets everything (memory only, like the dedup window).
 *
 * <p>Thread-safe behind one lock: every call is a few map operations and never waits on IO, and it sits on the
 * request path, where an actor would add an asynchronous hop to every message for no gain.
 */
final class ReplayWindow {

  /** What {@link #admit} found. */
  enum Verdict {
    /** The URL was not seen before; it is remembered now. */
    FIRST,
    /** The same URL with the same body: WeChat retrying. */
    RETRY,
    /** The same URL with another body. */
    REPLAY
  }

  private record Seen(long expiresAt, byte[] bodyDigest) {}

  private final long windowSeconds;
  private final int maxEntries;
  private final Clock clock;
  private final Object lock = new Object();
  private final LinkedHashMap<String, Seen> seen = new LinkedHashMap<>();

  ReplayWindow(Duration window, int maxEntries, Clock clock) {
    this.windowSeconds = window.toSeconds();
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  /** {@code timestampSeconds} is the request's (already checked against the skew window). */
  Verdict admit(long timestampSeconds, String nonce, byte[] body) {
    String key = timestampSeconds + "|" + nonce;
    byte[] digest = sha256(body);
    long now = clock.instant().getEpochSecond();
    synchronized (lock) {
      forgetExpired(now);
      Seen earlier = seen.get(key);
      if (earlier != null) {
        return MessageDigest.isEqual(earlier.bodyDigest(), digest) ? Verdict.RETRY : Verdict.REPLAY;
      }
      seen.put(key, new Seen(windowSeconds > 0 ? timestampSeconds + windowSeconds : Long.MAX_VALUE, digest));
      if (seen.size() > maxEntries) {
        Iterator<String> oldest = seen.keySet().iterator();
        oldest.next();
        oldest.remove();
      }
      return Verdict.FIRST;
    }
  }

  int size() {
    synchronized (lock) {
      return seen.size();
    }
  }

  /**
   * Arrival order is nearly expiry order (timestamps are within the window of arrival), so dropping expired entries
   * from the head until a live one is met keeps the map at about one window of traffic without a scan.
   */
  private void forgetExpired(long now) {
    Iterator<Map.Entry<String, Seen>> entries = seen.entrySet().iterator();
    while (entries.hasNext() && entries.next().getValue().expiresAt() < now) {
      entries.remove();
    }
  }

  private static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
