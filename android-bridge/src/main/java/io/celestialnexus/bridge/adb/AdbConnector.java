package io.celestialnexus.bridge.adb;

import java.io.IOException;

/** Opens a connection to a phone; fails with an {@link IOException} when the phone cannot be reached. */
@FunctionalInterface
public interface AdbConnector {

  AdbDevice connect(AdbEndpoint endpoint) throws IOException;
}
