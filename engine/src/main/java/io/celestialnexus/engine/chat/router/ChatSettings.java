package io.celestialnexus.engine.chat.router;

import io.celestialnexus.engine.support.SettingsReader;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;

/**
 * The chat skills' settings from {@code nexus.engine.chat}, read once. {@code toString} never shows the external
 * service's API key.
 */
public record ChatSettings(ZoneId timeZone, String welcome, String failureMessage, External external) {

  /** The external AI service that answers what no skill does. */
  public record External(
      String type,
      String url,
      String model,
      String apiKey,
      String systemPrompt,
      Duration timeout,
      String timeoutMessage,
      String errorMessage,
      String notConfiguredMessage,
      int breakerMaxFailures,
      Duration breakerResetTimeout,
      Bulkhead bulkhead) {

    public static final Set<String> TYPES = Set.of("openai", "ollama", "custom", "default");

    /**
     * At most {@code maxConcurrent} calls at once, {@code maxQueued} more waiting up to {@code queueWait}; the rest
     * get {@code busyMessage}.
     */
    public record Bulkhead(int maxConcurrent, int maxQueued, Duration queueWait, String busyMessage) {}

    public boolean configured() {
      return !url.isEmpty();
    }

    @Override
    public String toString() {
      return "External[type=" + type + ", url=" + url + ", model=" + model + ", apiKey=" + (apiKey.isEmpty() ? "(none)" : "****")
          + ", timeout=" + timeout + ", breaker=" + breakerMaxFailures + "/" + breakerResetTimeout + ", bulkhead=" + bulkhead + "]";
    }
  }

  /** Reads {@code nexus.engine.chat} from the root config. */
  public static ChatSettings fromConfig(com.typesafe.config.Config root) {
    var chat = new SettingsReader(root, "nexus.engine.chat");
    ZoneId zone;
    try {
      zone = ZoneId.of(chat.string("time-zone"));
    } catch (java.time.DateTimeException e) {
      throw chat.invalid("time-zone", "not a time zone: " + e.getMessage());
    }
    var external = chat.at("external");
    double timeoutSeconds = external.number("timeout-seconds");
    if (!(timeoutSeconds > 0)) {
      throw external.invalid("timeout-seconds", "must be positive, was " + timeoutSeconds);
    }
    String url = external.string("url").strip();
    if (!url.isEmpty() && !(url.startsWith("http://") || url.startsWith("https://"))) {
      throw external.invalid("url", "must be an http:// or https:// URL, was '" + url + "'");
    }
    return new ChatSettings(
        zone,
        chat.string("welcome"),
        chat.string("failure-message"),
        new External(
            external.oneOf(External.TYPES, "type"),
            url,
            external.string("model"),
            external.string("api-key"),
            external.string("system-prompt"),
            Duration.ofMillis(Math.round(timeoutSeconds * 1000)),
            external.string("timeout-message"),
            external.string("error-message"),
            external.string("not-configured-message"),
            external.integerAtLeast(1, "breaker.max-failures"),
            external.positiveDuration("breaker.reset-timeout"),
            new External.Bulkhead(
                external.integerAtLeast(1, "bulkhead.max-concurrent"),
                external.integerAtLeast(0, "bulkhead.max-queued"),
                external.positiveDuration("bulkhead.queue-wait"),
                external.string("bulkhead.busy-message"))));
  }
}
