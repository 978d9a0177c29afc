package io.celestialnexus.bridge.device;

import static io.celestialnexus.bridge.device.BridgeMetricNames.*;

import io.celestialnexus.bridge.ui.UiDumpException;
import io.celestialnexus.engine.device.DeviceRequestRejected;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One phone's meters. The queue length is written by the device actor and read at scrape time, hence volatile;
 * the dump timer and counters are safe from the step's thread.
 */
final class DeviceMeters {

  /** Why an attempt to send failed: the phone broke, or the screen was not as expected. */
  enum SendFailure {
    DEVICE,
    SCREEN
  }

  private static final Duration[] PARSE_BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(50),
    Duration.ofMillis(250)
  };

  private final MeterRegistry registry;
  private final String device;
  private final Timer parse;
  private final Counter received;
  private final Counter sent;
  private final Counter deadLettered;
  private volatile int queueLength;

  DeviceMeters(MeterRegistry registry, String device) {
    this.registry = registry;
    this.device = device;
    parse =
        Timer.builder(DUMP_PARSE)
            .description("Time to parse one uiautomator dump")
            .tag(TAG_DEVICE, device)
            .serviceLevelObjectives(PARSE_BUCKETS)
            .register(registry);
    received =
        Counter.builder(MESSAGES_RECEIVED).description("Incoming chat messages read from the phone").tag(TAG_DEVICE, device).register(registry);
    sent = Counter.builder(MESSAGES_SENT).description("Messages sent and confirmed by their bubble").tag(TAG_DEVICE, device).register(registry);
    deadLettered =
        Counter.builder(DEAD_LETTERED)
            .description("Outgoing messages given up after their last attempt, or replies that never came")
            .tag(TAG_DEVICE, device)
            .register(registry);
    Gauge.builder(QUEUE_LENGTH, this, meters -> meters.queueLength)
        .description("Messages waiting to be sent through the phone")
        .tag(TAG_DEVICE, device)
        .register(registry);
    for (UiDumpException.Kind kind : UiDumpException.Kind.values()) {
      dumpRetries(kind); // present at zero, so a rate() sees the first retry
    }
  }

  void dumpParsed(long nanos) {
    parse.record(nanos, TimeUnit.NANOSECONDS);
  }

  void dumpRetried(UiDumpException.Kind kind) {
    dumpRetries(kind).increment();
  }

  private Counter dumpRetries(UiDumpException.Kind kind) {
    return Counter.builder(DUMP_RETRIES)
        .description("Unusable uiautomator dumps that were tried again, by kind")
        .tags(TAG_DEVICE, device, TAG_KIND, kind.name().toLowerCase(Locale.ROOT))
        .register(registry);
  }

  void received() {
    received.increment();
  }

  void sent() {
    sent.increment();
  }

  void sendFailed(SendFailure failure) {
    Counter.builder(SEND_FAILURES)
        .description("Failed attempts to send a message, by kind (device: the phone broke; screen: not as expected)")
        .tags(TAG_DEVICE, device, TAG_KIND, failure.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }

  void deadLettered() {
    deadLettered.increment();
  }

  void queueLength(int length) {
    queueLength = length;
  }

  /** A request the bridge refused (unknown device, invalid message, queue full, phone unavailable). */
  static void rejected(MeterRegistry registry, DeviceRequestRejected.Reason reason) {
    Counter.builder(REQUESTS_REJECTED)
        .description("Requests about phones that were refused, by reason")
        .tag(TAG_REASON, reason.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }
}
