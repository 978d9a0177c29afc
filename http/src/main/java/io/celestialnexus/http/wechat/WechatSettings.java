package io.celestialnexus.http.wechat;

import com.typesafe.config.Config;
import io.celestialnexus.engine.support.SettingsReader;
import io.celestialnexus.http.HttpSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.SupervisorStrategy;

/**
 * The Official Account endpoint's settings from {@code nexus.http.wechat}, read and validated once. The listener is
 * bound only when a token is configured. {@code toString} never shows the token, the AES key or the app secret.
 *
 * @param tokens the primary token first, then the other accepted ones (rotation)
 * @param aesKey the 32-byte AES key decoded from the EncodingAESKey, empty when safe mode is not configured
 * @param maxClockSkew timestamps further than this from now are replays; zero turns the check off
 * @param compatMode with an AES key, plaintext messages are accepted too (WeChat's 兼容模式); otherwise refused
 * @param replayMaxEntries the most signed URLs remembered at once to refuse replays (the oldest is forgotten first)
 */
public record WechatSettings(
    HttpSettings.Listener listener,
    String path,
    List<String> tokens,
    Optional<byte[]> aesKey,
    String appId,
    String appSecret,
    String originalId,
    boolean strictVerify,
    boolean strictOriginalId,
    boolean compatMode,
    Duration maxClockSkew,
    int replayMaxEntries,
    long maxBodyBytes,
    Duration bodyTimeout,
    Duration replyDeadline,
    int maxReplyBytes,
    Duration dedupWindow,
    int dedupMaxEntries,
    int rateLimitPerMinute,
    String rateLimitMessage,
    boolean debugSignature,
    Api api,
    CustomerService customerService) {

  /**
   * WeChat's outbound API: where it is, where the access token is kept between restarts, and how the access-token
   * keeper is restarted after a failure.
   */
  public record Api(URI baseUrl, Duration timeout, Path tokenFile, Duration refreshBeforeExpiry, Backoff restartBackoff) {}

  /** A restart delay: {@code minBackoff} doubled per consecutive failure up to {@code maxBackoff}, +/- {@code randomFactor}. */
  public record Backoff(Duration minBackoff, Duration maxBackoff, double randomFactor) {

    static Backoff fromConfig(SettingsReader backoff) {
      Duration min = backoff.positiveDuration("min-backoff");
      Duration max = backoff.positiveDuration("max-backoff");
      if (max.compareTo(min) < 0) {
        throw backoff.invalid("max-backoff", "must not be shorter than min-backoff (" + min + ")");
      }
      double randomFactor = backoff.number("random-factor");
      if (randomFactor < 0 || randomFactor >= 1) {
        throw backoff.invalid("random-factor", "must be in [0, 1), was " + randomFactor);
      }
      return new Backoff(min, max, randomFactor);
    }

    public BackoffSupervisorStrategy supervisorStrategy() {
      return SupervisorStrategy.restartWithBackoff(minBackoff, maxBackoff, randomFactor);
    }
  }

  /** Late replies through the customer-service message API: attempts and backoff before a dead letter. */
  public record CustomerService(int attempts, Duration minBackoff, Duration maxBackoff, int deadLettersKept) {}

  public WechatSettings {
    tokens = List.copyOf(tokens);
  }

  /** Reads {@code nexus.http.wechat} from the root config. */
  public static WechatSettings fromConfig(Config root) {
    var wechat = new SettingsReader(root, "nexus.http.wechat");
    String token = wechat.string("token").strip();
    List<String> tokens = new ArrayList<>();
    if (!token.isEmpty()) {
      tokens.add(token);
    }
    for (String accepted : wechat.string("accept-tokens").split(",")) {
      if (!accepted.isBlank() && !tokens.contains(accepted.strip())) {
        tokens.add(accepted.strip());
      }
    }
    if (token.isEmpty() && tokens.size() > 0) {
      throw wechat.invalid("token", "WECHAT_ACCEPT_TOKENS is set but WECHAT_TOKEN (the token replies are signed with) is empty");
    }
    String encodingAesKey = wechat.string("encoding-aes-key").strip();
    Optional<byte[]> aesKey = Optional.empty();
    if (!encodingAesKey.isEmpty()) {
      try {
        aesKey = Optional.of(WechatCrypto.decodeKey(encodingAesKey));
      } catch (IllegalArgumentException e) {
        throw wechat.invalid("encoding-aes-key", e.getMessage());
      }
    }
    String appId = wechat.string("app-id").strip();
    if (aesKey.isPresent() && appId.isEmpty()) {
      throw wechat.invalid("app-id", "safe mode (an EncodingAESKey is set) needs the AppID (WECHAT_APPID) to check messages against");
    }
    String path = wechat.string("path").strip();
    if (path.isEmpty() || path.contains("/")) {
      throw wechat.invalid("path", "must be one path segment such as 'wechat', was '" + path + "'");
    }
    var dedup = wechat.at("dedup");
    var api = wechat.at("api");
    var customerService = wechat.at("customer-service");
    String baseUrl = api.string("base-url").strip().replaceAll("/+$", "");
    if (!(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
      throw api.invalid("base-url", "must be an http:// or https:// URL, was '" + baseUrl + "'");
    }
    Duration minBackoff = customerService.positiveDuration("min-backoff");
    Duration maxBackoff = customerService.positiveDuration("max-backoff");
    if (maxBackoff.compareTo(minBackoff) < 0) {
      throw customerService.invalid("max-backoff", "must not be shorter than min-backoff (" + minBackoff + ")");
    }
    Duration replyDeadline = wechat.positiveDuration("reply-deadline");
    if (replyDeadline.compareTo(Duration.ofSeconds(5)) >= 0) {
      throw wechat.invalid("reply-deadline", "must be shorter than WeChat's 5 s window, was " + replyDeadline);
    }
    return new WechatSettings(
        HttpSettings.Listener.fromConfig(wechat),
        path,
        tokens,
        aesKey,
        appId,
        wechat.string("app-secret").strip(),
        wechat.string("original-id").strip(),
        binaryFlag(wechat, "strict-verify"),
        binaryFlag(wechat, "strict-original-id"),
        binaryFlag(wechat, "compat-mode"),
        Duration.ofSeconds(wechat.integerAtLeast(0, "max-clock-skew-seconds")),
        wechat.integerAtLeast(1, "replay.max-entries"),
        root.getBytes(wechat.path("max-body-size")),
        wechat.positiveDuration("body-timeout"),
        replyDeadline,
        wechat.integerIn(64, 1 << 20, "max-reply-bytes"),
        Duration.ofSeconds(dedup.integerAtLeast(1, "window-seconds")),
        dedup.integerAtLeast(1, "max-entries"),
        wechat.integerAtLeast(0, "rate-limit.per-minute"),
        wechat.string("rate-limit.message"),
        binaryFlag(wechat, "debug-signature"),
        new Api(
            URI.create(baseUrl),
            api.positiveDuration("timeout"),
            Path.of(api.string("token-file")),
            api.nonNegativeDuration("refresh-before-expiry"),
            Backoff.fromConfig(api.at("restart-backoff"))),
        new CustomerService(
            customerService.integerIn(1, 100, "attempts"), minBackoff, maxBackoff, customerService.integerAtLeast(1, "dead-letters-kept")));
  }

  /** The seeds' switches are 1/0 ({@code STRICT_WECHAT_VERIFY=1}); true/false/on/off/yes/no are read too. */
  private static boolean binaryFlag(SettingsReader reader, String key) {
    String value = reader.string(key).strip().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "1", "true", "on", "yes" -> true;
      case "0", "false", "off", "no" -> false;
      default -> throw reader.invalid(key, "must be 1 or 0 (or true/false), was '" + value + "'");
    };
  }

  /** The listener is bound only when there is a token to verify WeChat's signatures with. */
  public boolean enabled() {
    return !tokens.isEmpty();
  }

  /** The token replies are signed with when the request's own token is unknown (non-strict mode). */
  public String primaryToken() {
    return tokens.get(0);
  }

  public boolean safeModeConfigured() {
    return aesKey.isPresent();
  }

  /** Whether late replies can go out: the customer-service API needs the AppID and the AppSecret. */
  public boolean customerServiceConfigured() {
    return !appId.isEmpty() && !appSecret.isEmpty();
  }

  public WechatSettings withListener(HttpSettings.Listener other) {
    return new WechatSettings(other, path, tokens, aesKey, appId, appSecret, originalId, strictVerify, strictOriginalId,
        compatMode, maxClockSkew, replayMaxEntries, maxBodyBytes, bodyTimeout, replyDeadline, maxReplyBytes, dedupWindow, dedupMaxEntries, rateLimitPerMinute,
        rateLimitMessage, debugSignature, api, customerService);
  }

  @Override
  public String toString() {
    return "WechatSettings[listener=" + listener + ", path=/" + path + ", tokens=" + tokens.size() + " (masked), aesKey="
        + (aesKey.isPresent() ? "****" : "(none)") + ", appId=" + appId + ", appSecret=" + (appSecret.isEmpty() ? "(none)" : "****")
        + ", originalId=" + originalId + ", strictVerify=" + strictVerify + ", strictOriginalId=" + strictOriginalId
        + ", compatMode=" + compatMode + ", maxClockSkew=" + maxClockSkew + ", replayMaxEntries=" + replayMaxEntries + ", maxBodyBytes=" + maxBodyBytes + ", bodyTimeout=" + bodyTimeout
        + ", replyDeadline=" + replyDeadline
        + ", dedupWindow=" + dedupWindow + ", dedupMaxEntries=" + dedupMaxEntries + ", rateLimitPerMinute=" + rateLimitPerMinute
        + ", debugSignature=" + debugSignature + ", api=" + api + ", customerService=" + customerService + "]";
  }
}
