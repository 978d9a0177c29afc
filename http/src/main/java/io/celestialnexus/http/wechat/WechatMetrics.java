package io.celestialnexus.http.wechat;

import static io.celestialnexus.http.wechat.WechatMetricNames.*;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The endpoint's meters, registered up front so every series is visible (at zero) from the first scrape. The ones
 * counted per request are kept once found: a registry lookup builds and sorts the meter's id every time.
 */
public final class WechatMetrics {

  /** WeChat's message types; anything else is tagged "other" so the tag stays bounded. */
  private static final Set<String> TYPES =
      Set.of("text", "image", "voice", "video", "shortvideo", "location", "link", "event", "verify", "rejected", "debug");

  private final MeterRegistry registry;
  private final Counter signatureFailures;
  private final Counter dedupHits;
  private final Counter rateLimited;
  private final Counter lateReplies;
  private final Counter deadLetters;
  private final Map<String, Map<String, Counter>> requests = new ConcurrentHashMap<>();
  private final Map<String, Timer> latencies = new ConcurrentHashMap<>();

  public WechatMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.signatureFailures = counter(SIGNATURE_FAILURES, "Requests whose signature or msg_signature did not verify with any accepted token");
    this.dedupHits = counter(DEDUP_HITS, "Re-deliveries answered from the dedup window instead of running a skill again");
    this.rateLimited = counter(RATE_LIMITED, "Messages over a user's per-minute limit");
    this.lateReplies = counter(LATE_REPLIES, "Replies not ready by the reply deadline, handed to the customer-service API");
    this.deadLetters = counter(DEAD_LETTERS, "Late replies given up after the last customer-service attempt");
    for (WechatRejection.Reason reason : WechatRejection.Reason.values()) {
      rejections(reason);
    }
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  public void request(String method, String type) {
    requests
        .computeIfAbsent(method, any -> new ConcurrentHashMap<>())
        .computeIfAbsent(
            TYPES.contains(type) ? type : "other",
            tag ->
                Counter.builder(REQUESTS)
                    .description("Requests to the Official Account endpoint by method and WeChat message type")
                    .tags(TAG_METHOD, method, TAG_TYPE, tag)
                    .register(registry))
        .increment();
  }

  public void latency(String method, long nanos) {
    latencies
        .computeIfAbsent(
            method,
            tag ->
                Timer.builder(REQUEST_LATENCY)
                    .description("Time from request to answer on the Official Account endpoint")
                    .tag(TAG_METHOD, tag)
                    .publishPercentileHistogram()
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  public Counter rejections(WechatRejection.Reason reason) {
    return Counter.builder(REJECTIONS)
        .description("Requests refused, by reason")
        .tag(TAG_REASON, reason.tag())
        .register(registry);
  }

  public void customerMessage(String outcome) {
    Counter.builder(CUSTOMER_MESSAGES)
        .description("Customer-service message attempts by outcome (sent, failed, token_refreshed)")
        .tag(TAG_OUTCOME, outcome)
        .register(registry)
        .increment();
  }

  public void accessTokenFetch(String outcome) {
    Counter.builder(ACCESS_TOKEN_FETCHES)
        .description("Access token fetches from the WeChat API by outcome (ok, failed)")
        .tag(TAG_OUTCOME, outcome)
        .register(registry)
        .increment();
  }

  /** How many signed URLs the replay window holds now (bounded by {@code replay.max-entries}). */
  public void replayWindow(java.util.function.IntSupplier size) {
    io.micrometer.core.instrument.Gauge.builder(REPLAY_WINDOW_URLS, size::getAsInt)
        .description("Signed URLs remembered to refuse replays")
        .strongReference(true)
        .register(registry);
  }

  public Counter signatureFailures() {
    return signatureFailures;
  }

  public Counter dedupHits() {
    return dedupHits;
  }

  public Counter rateLimited() {
    return rateLimited;
  }

  public Counter lateReplies() {
    return lateReplies;
  }

  public Counter deadLetters() {
    return deadLetters;
  }
}
