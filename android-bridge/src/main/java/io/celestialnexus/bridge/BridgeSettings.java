package io.celestialnexus.bridge;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.celestialnexus.bridge.adb.AdbEndpoint;
import io.celestialnexus.bridge.adb.AdbSettings;
import io.celestialnexus.bridge.wechat.PhoneSettings;
import io.celestialnexus.bridge.wechat.SelectorCatalog;
import io.celestialnexus.engine.support.SettingsReader;
import io.celestialnexus.engine.task.Schedule;
import io.celestialnexus.engine.task.TaskSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the bridge reads from {@code nexus.bridge}, read once at startup; a bad value fails here, naming
 * its key ({@code nexus.bridge.devices[1].host}). The selectors file is loaded and compiled here too, so a
 * broken selector stops the node at start rather than on a phone.
 */
public record BridgeSettings(
    List<DeviceSpec> devices,
    Discovery discovery,
    AdbSettings adb,
    SelectorCatalog selectors,
    Poll poll,
    PhoneSettings phone,
    Send send,
    int deadLetters,
    int rememberedMessages,
    Duration replyTimeout,
    Duration askTimeout,
    Duration screenshotTimeout,
    TaskSettings supervision,
    int timelineEvents) {

  private static final String PREFIX = "nexus.bridge";
  private static final String ADB_SERVER = "adb-server";
  private static final String DIRECT = "direct";

  /** A configured phone. */
  public record DeviceSpec(AdbEndpoint endpoint) {
    public String serial() {
      return endpoint.serial();
    }
  }

  /** Whether and how often the adb server's device list is read, and which server. */
  public record Discovery(boolean enabled, Duration interval, String host, int port) {}

  /**
   * The chat-list round: its pause, the pause's jitter, how long one round takes sends, and how long it waits in a
   * chat just read for the skills' answer to send it there (zero: replies are always sent from the chat list).
   */
  public record Poll(Duration interval, double jitter, Duration maxRound, Duration answerWait) {}

  /** Limits of the outgoing queue. */
  /**
   * @param maxAttempts attempts that failed on a healthy phone before a message is dead-lettered
   * @param maxInterruptions attempts cut short by the phone failing (connection lost, no usable screen) before it is
   */
  public record Send(int maxAttempts, int maxInterruptions, int maxQueue, int maxTextLength) {}

  public static BridgeSettings fromConfig(Config root) {
    var bridge = new SettingsReader(root, PREFIX);
    var server = bridge.at(ADB_SERVER);
    String serverHost = host(server.string("host"));
    int serverPort = server.integerIn(1, 65_535, "port");

    var discovery = bridge.at("discovery");
    var adb = bridge.at("adb");
    String keyFile = adb.string("key-file");
    Path key =
        keyFile.isBlank() ? new SettingsReader(root, "nexus.data").location("dir").resolve("adb").resolve("adbkey") : Path.of(keyFile);
    String selectorsFile = bridge.string("selectors-file");

    var poll = bridge.at("poll");
    double jitter = poll.number("jitter");
    if (jitter < 0 || jitter >= 1) {
      throw poll.invalid("jitter", "must be in [0, 1), was " + jitter);
    }
    var pauses = bridge.at("pauses");
    Duration pauseMin = pauses.nonNegativeDuration("min");
    Duration pauseMax = pauses.nonNegativeDuration("max");
    if (pauseMax.compareTo(pauseMin) < 0) {
      throw pauses.invalid("max", "must not be shorter than min (" + pauseMin + ")");
    }
    var dump = bridge.at("dump");
    var send = bridge.at("send");

    return new BridgeSettings(
        devices(root, serverHost, serverPort, adb.integerIn(1, 65_535, "direct-port")),
        new Discovery(discovery.flag("enabled"), discovery.positiveDuration("interval"), serverHost, serverPort),
        new AdbSettings(adb.positiveDuration("connect-timeout"), adb.positiveDuration("read-timeout"), key.toAbsolutePath()),
        SelectorCatalog.load(selectorsFile.isBlank() ? Optional.empty() : Optional.of(Path.of(selectorsFile))),
        new Poll(poll.nonNegativeDuration("interval"), jitter, poll.positiveDuration("max-round"), poll.nonNegativeDuration("answer-wait")),
        new PhoneSettings(
            dump.integerAtLeast(1, "attempts"),
            dump.nonNegativeDuration("retry-delay"),
            send.integerAtLeast(1, "confirm-dumps"),
            pauseMin,
            pauseMax),
        new Send(
            send.integerAtLeast(1, "max-attempts"),
            send.integerAtLeast(1, "max-interruptions"),
            send.integerAtLeast(1, "max-queue"),
            send.integerAtLeast(1, "max-text-length")),
        bridge.integerAtLeast(0, "dead-letters"),
        bridge.integerAtLeast(1, "remembered-messages"),
        bridge.positiveDuration("reply-timeout"),
        bridge.positiveDuration("ask-timeout"),
        bridge.positiveDuration("screenshot-timeout"),
        TaskSettings.fromConfig(bridge.at("supervision")),
        bridge.integerAtLeast(1, "timeline-events"));
  }

  /** A phone's supervision: the configured timeouts and backoff, stepping continuously (a round paces itself). */
  public TaskSettings deviceTask() {
    return supervision.withSchedule(new Schedule.Fixed(Duration.ZERO));
  }

  /** Discovery's supervision: the same limits, stepping every discovery interval. */
  public TaskSettings discoveryTask() {
    return supervision.withSchedule(new Schedule.Fixed(discovery.interval()));
  }

  private static List<DeviceSpec> devices(Config root, String serverHost, int serverPort, int directPort) {
    String path = PREFIX + ".devices";
    List<? extends Config> entries;
    try {
      entries = root.getConfigList(path);
    } catch (ConfigException.WrongType e) {
      throw new ConfigException.BadValue(path, "must be a list of { serial = ..., ... } entries", e);
    }
    var devices = new ArrayList<DeviceSpec>();
    Set<String> serials = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      Config entry = entries.get(i);
      String at = path + "[" + i + "]";
      String serial = string(entry, at, "serial", null).strip();
      if (serial.isEmpty()) {
        throw new ConfigException.BadValue(at + ".serial", "must not be empty");
      }
      if (!serials.add(serial)) {
        throw new ConfigException.BadValue(at + ".serial", "'" + serial + "' is configured twice");
      }
      String connection = string(entry, at, "connection", ADB_SERVER);
      AdbEndpoint endpoint =
          switch (connection) {
            case ADB_SERVER ->
                new AdbEndpoint.ViaServer(
                    serial,
                    host(string(entry, at, ADB_SERVER + ".host", serverHost)),
                    port(entry, at, ADB_SERVER + ".port", serverPort));
            case DIRECT -> new AdbEndpoint.Direct(serial, host(string(entry, at, "host", null)), port(entry, at, "port", directPort));
            default ->
                throw new ConfigException.BadValue(at + ".connection", "must be adb-server or direct, was '" + connection + "'");
          };
      devices.add(new DeviceSpec(endpoint));
    }
    return List.copyOf(devices);
  }

  private static String string(Config entry, String at, String key, String orElse) {
    if (!entry.hasPath(key)) {
      if (orElse == null) {
        throw new ConfigException.BadValue(at + "." + key, "is required");
      }
      return orElse;
    }
    try {
      return entry.getString(key);
    } catch (ConfigException.WrongType e) {
      throw new ConfigException.BadValue(at + "." + key, "must be a string", e);
    }
  }

  private static int port(Config entry, String at, String key, int orElse) {
    if (!entry.hasPath(key)) {
      return orElse;
    }
    try {
      int port = entry.getInt(key);
      if (port < 1 || port > 65_535) {
        throw new ConfigException.BadValue(at + "." + key, "must be in 1..65535, was " + port);
      }
      return port;
    } catch (ConfigException.WrongType e) {
      throw new ConfigException.BadValue(at + "." + key, "must be a port number", e);
    }
  }

  /** dadb starts an adb binary when told "localhost" and no server answers; the bridge never starts one. */
  private static String host(String host) {
    return host.equalsIgnoreCase("localhost") ? "127.0.0.1" : host;
  }
}
