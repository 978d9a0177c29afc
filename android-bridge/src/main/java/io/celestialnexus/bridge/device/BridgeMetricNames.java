package io.celestialnexus.bridge.device;

/**
 * Names of the bridge's meters (Prometheus sees {@code nexus_bridge_messages_received_total} and so on). Tags are
 * bounded: {@code device} is a configured or adb-listed serial, {@code kind} and {@code reason} come from enums.
 */
public final class BridgeMetricNames {

  private BridgeMetricNames() {}

  public static final String DUMP_PARSE = "nexus.bridge.ui.dump.parse";
  public static final String DUMP_RETRIES = "nexus.bridge.ui.dump.retries";
  public static final String MESSAGES_RECEIVED = "nexus.bridge.messages.received";
  public static final String MESSAGES_SENT = "nexus.bridge.messages.sent";
  public static final String SEND_FAILURES = "nexus.bridge.send.failures";
  public static final String DEAD_LETTERED = "nexus.bridge.messages.dead.lettered";
  public static final String QUEUE_LENGTH = "nexus.bridge.queue.length";
  public static final String REQUESTS_REJECTED = "nexus.bridge.requests.rejected";

  public static final String TAG_DEVICE = "device";
  public static final String TAG_KIND = "kind";
  public static final String TAG_REASON = "reason";
}
