package io.celestialnexus.bridge.adb;

/** How a phone is reached. */
public sealed interface AdbEndpoint {

  /** The serial the bridge knows the phone by (status key, actor and task name). */
  String serial();

  /** One line for status: {@code adb-server 127.0.0.1:5037} or {@code direct 10.0.0.7:5555}. */
  String describe();

  /**
   * Through an adb server ({@code host:transport:<serial>}): the normal case for USB phones, and for Android 11+
   * wireless debugging after {@code adb pair} and {@code adb connect}.
   */
  record ViaServer(String serial, String host, int port) implements AdbEndpoint {
    @Override
    public String describe() {
      return "adb-server " + host + ":" + port;
    }
  }

  /** Straight to the phone's adbd over TCP ({@code adb tcpip 5555}), no adb server involved. */
  record Direct(String serial, String host, int port) implements AdbEndpoint {
    @Override
    public String describe() {
      return "direct " + host + ":" + port;
    }
  }
}
