package io.celestialnexus.app.alert;

import com.typesafe.config.Config;
import io.celestialnexus.engine.support.SettingsReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code nexus.alerts} configures: how alerts are grouped, rate-limited and retried, and the channels they go
 * to (each empty when not configured). {@link #toString} names the channels, never their URLs or secrets (the URLs
 * carry the robots' tokens).
 */
public record AlertSettings(
    String nodeName,
    Duration groupWait,
    Duration groupInterval,
    int rateLimitMessages,
    Duration rateLimitPer,
    Retry retry,
    Duration timeout,
    Optional<URI> webhook,
    Optional<URI> wecom,
    Optional<Robot> dingtalk,
    Optional<Robot> feishu,
    Optional<Smtp> smtp) {

  /** Up to {@code attempts} tries in all, waiting {@code minBackoff} doubled per failed attempt, at most {@code maxBackoff}. */
  public record Retry(int attempts, Duration minBackoff, Duration maxBackoff) {

    /** The wait after the {@code failed}-th failed attempt (1-based). */
    public Duration backoffAfter(int failed) {
      Duration wait = minBackoff;
      for (int i = 1; i < failed && wait.compareTo(maxBackoff) < 0; i++) {
        wait = wait.multipliedBy(2);
      }
      return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
  }

  /** A signed robot: its webhook URL and its secret (empty: requests go unsigned). */
  public record Robot(URI url, String secret) {
    @Override
    public String toString() {
      return "Robot[" + (secret.isEmpty() ? "unsigned" : "signed") + "]";
    }
  }

  /** An SMTP server and the message's envelope. */
  public record Smtp(String host, int port, String security, String user, String password, String from, List<String> to) {
    @Override
    public String toString() {
      return "Smtp[" + host + ":" + port + ", " + security + ", to " + to.size() + " recipient(s)]";
    }
  }

  public static AlertSettings fromConfig(Config config) {
    var alerts = new SettingsReader(config, "nexus.alerts");
    var rate = alerts.at("rate-limit");
    var retry = alerts.at("retry");
    Duration minBackoff = retry.positiveDuration("min-backoff");
    Duration maxBackoff = retry.positiveDuration("max-backoff");
    if (maxBackoff.compareTo(minBackoff) < 0) {
      throw retry.invalid("max-backoff", "must not be shorter than min-backoff");
    }
    return new AlertSettings(
        nodeName(alerts.string("node-name")),
        alerts.positiveDuration("group-wait"),
        alerts.positiveDuration("group-interval"),
        rate.integerAtLeast(1, "messages"),
        rate.positiveDuration("per"),
        new Retry(retry.integerAtLeast(1, "attempts"), minBackoff, maxBackoff),
        alerts.positiveDuration("timeout"),
        alerts.at("webhook").httpUrl("url"),
        alerts.at("wecom").httpUrl("url"),
        robot(alerts.at("dingtalk")),
        robot(alerts.at("feishu")),
        smtp(alerts.at("smtp")));
  }

  /** Whether any channel is configured. */
  public boolean anyChannel() {
    return webhook.isPresent() || wecom.isPresent() || dingtalk.isPresent() || feishu.isPresent() || smtp.isPresent();
  }

  private static String nodeName(String configured) {
    if (!configured.isBlank()) {
      return configured.strip();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "nexus";
    }
  }

  private static Optional<Robot> robot(SettingsReader block) {
    return block.httpUrl("url").map(url -> new Robot(url, block.string("secret").strip()));
  }

  private static Optional<Smtp> smtp(SettingsReader block) {
    String host = block.string("host").strip();
    if (host.isEmpty()) {
      return Optional.empty();
    }
    List<String> to = block.commaSeparated("to");
    if (to.isEmpty()) {
      throw block.invalid("to", "needs at least one recipient when smtp.host is set");
    }
    String from = block.string("from").strip();
    if (from.isEmpty()) {
      throw block.invalid("from", "must be set when smtp.host is set");
    }
    return Optional.of(
        new Smtp(
            host,
            block.integerIn(1, 65535, "port"),
            block.oneOf(Set.of("starttls", "ssl", "none"), "security"),
            block.string("user").strip(),
            block.string("password"),
            from,
            to));
  }

  @Override
  public String toString() {
    return "AlertSettings[node=" + nodeName + ", channels=" + channelNames() + ", group-wait=" + groupWait + ", group-interval="
        + groupInterval + ", rate-limit=" + rateLimitMessages + "/" + rateLimitPer + ", " + retry + "]";
  }

  /** The names of the configured channels, in delivery order. */
  public List<String> channelNames() {
    var names = new java.util.ArrayList<String>();
    webhook.ifPresent(u -> names.add(AlertCourier.WEBHOOK));
    wecom.ifPresent(u -> names.add(AlertCourier.WECOM));
    dingtalk.ifPresent(r -> names.add(AlertCourier.DINGTALK));
    feishu.ifPresent(r -> names.add(AlertCourier.FEISHU));
    smtp.ifPresent(s -> names.add(AlertCourier.SMTP));
    return List.copyOf(names);
  }
}
