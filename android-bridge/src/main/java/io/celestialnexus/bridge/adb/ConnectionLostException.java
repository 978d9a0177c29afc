package io.celestialnexus.bridge.adb;

import java.io.IOException;

/**
 * A command's stream ended before the command reported how it exited: the connection to the phone (or the adb
 * server's to it) dropped. What the command did on the phone is unknown, so it is handled like any lost connection:
 * the round fails and the phone is reconnected with backoff (a send in flight then looks for its bubble first).
 */
public final class ConnectionLostException extends IOException {

  public ConnectionLostException(String message) {
    super(message);
  }
}
