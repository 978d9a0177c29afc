package io.celestialnexus.bridge.adb;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Asks an adb server for its device list ({@code host:devices}, what {@code adb devices} prints) and for a device's
 * features ({@code host-serial:<serial>:features}, what {@code adb -s <serial> features} prints). dadb's own
 * listing drops each device's state and may start an adb binary, so this small client speaks the server's
 * documented smart-socket protocol itself: a 4-hex-digit length and the request, then OKAY or FAIL.
 */
public final class AdbServerClient {

  /** One line of {@code adb devices}: a serial and its state (device, offline, unauthorized, ...). */
  public record ListedDevice(String serial, String state) {}

  private AdbServerClient() {}

  public static List<ListedDevice> devices(String host, int port, Duration timeout) throws IOException {
    return parse(request(host, port, "host:devices", timeout));
  }

  /**
   * The features the device {@code serial} announced to the server (e.g. {@code shell_v2}, {@code cmd}); a phone
   * without {@code shell_v2} runs commands in the legacy shell, which reports no exit status.
   */
  public static Set<String> features(String host, int port, String serial, Duration timeout) throws IOException {
    String payload = request(host, port, "host-serial:" + serial + ":features", timeout);
    return Arrays.stream(payload.strip().split(",")).filter(feature -> !feature.isEmpty()).collect(Collectors.toUnmodifiableSet());
  }

  private static String request(String host, int port, String service, Duration timeout) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      byte[] request = service.getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(String.format("%04x", request.length).getBytes(StandardCharsets.US_ASCII));
      out.write(request);
      out.flush();
      var in = new DataInputStream(socket.getInputStream());
      String status = ascii(in, 4);
      String payload = ascii(in, Integer.parseInt(ascii(in, 4), 16));
      if (!status.equals("OKAY")) {
        throw new IOException("adb server " + host + ":" + port + " refused " + service + ": " + payload);
      }
      return payload;
    } catch (NumberFormatException e) {
      throw new IOException("adb server " + host + ":" + port + " sent a malformed length", e);
    }
  }

  static List<ListedDevice> parse(String payload) {
    var devices = new ArrayList<ListedDevice>();
    for (String line : payload.split("\n")) {
      String[] parts = line.strip().split("\t");
      if (parts.length == 2) {
        devices.add(new ListedDevice(parts[0], parts[1]));
      }
    }
    return List.copyOf(devices);
  }

  private static String ascii(DataInputStream in, int length) throws IOException {
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
