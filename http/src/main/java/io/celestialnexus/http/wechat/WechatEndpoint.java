package io.celestialnexus.http.wechat;

import static io.celestialnexus.http.wechat.WechatRejection.Reason.AES_NOT_CONFIGURED;
import static io.celestialnexus.http.wechat.WechatRejection.Reason.BAD_PARAMETER;
import static io.celestialnexus.http.wechat.WechatRejection.Reason.BAD_SIGNATURE;
import static io.celestialnexus.http.wechat.WechatRejection.Reason.MISSING_FIELD;
import static io.celestialnexus.http.wechat.WechatRejection.Reason.MISSING_PARAMETER;
import static io.celestialnexus.http.wechat.WechatRejection.Reason.PLAINTEXT_REFUSED;
import static io.celestialnexus.http.wechat.WechatRejection.Reason.REPLAYED;
import static io.celestialnexus.http.wechat.WechatRejection.Reason.STALE_TIMESTAMP;
import static io.celestialnexus.http.wechat.WechatRejection.Reason.UNSUPPORTED_ENCRYPTION;
import static io.celestialnexus.http.wechat.WechatRejection.Reason.WRONG_RECIPIENT;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.chat.ReplyText;
import io.celestialnexus.engine.status.StatusJson;
import io.celestialnexus.http.ApiError;
import io.celestialnexus.http.LogSafe;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Official Account webhook's protocol, independent of the HTTP server: URL verification ({@code GET}) and
 * messages ({@code POST}) in plaintext, compatibility and safe mode. Checks run in this order, each refusing with
 * its own reason: required parameters, timestamp skew (replays), the mode (with an AES key, plaintext only in
 * compatibility mode), {@code signature}, and in safe mode the envelope XML and {@code msg_signature} (before
 * anything is decrypted), decryption, the message XML, the recipient ({@code STRICT_ORIGINAL_ID}), and last the
 * {@link ReplayWindow} (a signed URL already used with another body). Replies are signed with the token that verified the request; safe-mode replies are
 * encrypted with their own timestamp, nonce and {@code MsgSignature}.
 */
public final class WechatEndpoint {

  /** What the listener sends back. */
  public record Response(int status, String contentType, String body) {
    static final String TEXT = "text/plain";
    static final String XML = "application/xml";
    static final String JSON = "application/json";
  }

  /** WeChat's "nothing to say". */
  public static final Response SUCCESS = new Response(200, Response.TEXT, "success");

  private static final Logger LOG = LoggerFactory.getLogger(WechatEndpoint.class);

  /** Refusals that mean someone is trying something: logged as warnings, the rest at info. */
  private static final Set<WechatRejection.Reason> ATTACKS = EnumSet.of(REPLAYED, PLAINTEXT_REFUSED);

  /** A message that passed every check, with the token that verified it and whether it came encrypted. */
  private record Opened(InboundMessage message, boolean encrypted, String token, long timestamp, String nonce) {}

  private final WechatSettings settings;
  private final WechatSignature signatures;
  private final Optional<WechatCrypto> crypto;
  private final ReplayWindow replays;
  private final ReplyGate gate;
  private final WechatMetrics metrics;
  private final Clock clock;

  public WechatEndpoint(WechatSettings settings, ReplyGate gate, WechatMetrics metrics, Clock clock) {
    this.settings = settings;
    this.signatures = new WechatSignature(settings.tokens());
    this.crypto = settings.aesKey().map(key -> new WechatCrypto(key, settings.appId()));
    this.replays = new ReplayWindow(settings.maxClockSkew(), settings.replayMaxEntries(), clock);
    metrics.replayWindow(replays::size);
    this.gate = gate;
    this.metrics = metrics;
    this.clock = clock;
    if (!settings.strictVerify()) {
      LOG.warn("STRICT_WECHAT_VERIFY=0: requests whose signature does not verify are only logged and still answered");
    }
    if (settings.safeModeConfigured() && settings.compatMode()) {
      LOG.warn("WECHAT_COMPAT_MODE=1: plaintext messages are accepted next to safe-mode ones (WeChat's compatibility mode)");
    }
  }

  /** {@code GET}: WeChat's URL verification; a good signature gets {@code echostr} back exactly. */
  public Response verify(Map<String, String> query) {
    try {
      String signature = required(query, "signature");
      String timestamp = required(query, "timestamp");
      String nonce = required(query, "nonce");
      String echo = required(query, "echostr");
      checkTimestamp(timestamp);
      verified(signatures.verify(signature, timestamp, nonce), "signature");
      metrics.request("GET", "verify");
      return new Response(200, Response.TEXT, echo);
    } catch (WechatRejection rejection) {
      return reject("GET", rejection);
    }
  }

  /** {@code POST}: a message or event; the answer is reply XML or "success", or a rejection. */
  public CompletionStage<Response> receive(Map<String, String> query, byte[] body) {
    Opened opened;
    try {
      opened = open(query, body);
      if (replays.admit(opened.timestamp(), opened.nonce(), body) == ReplayWindow.Verdict.REPLAY) {
        throw new WechatRejection(REPLAYED, "this signed URL (timestamp " + opened.timestamp() + ", nonce) was already used with another body");
      }
    } catch (WechatRejection rejection) {
      return CompletableFuture.completedFuture(reject("POST", rejection));
    }
    InboundMessage message = opened.message();
    metrics.request("POST", message.msgType());
    if (message.kind().isEmpty()) {
      return CompletableFuture.completedFuture(SUCCESS);
    }
    return gate.answer(message.toChatMessage(clock.instant())).thenApply(reply -> render(reply, opened));
  }

  /** {@code GET /_debug_signature}: the signatures the primary token gives these parameters (never the token). */
  public Response debugSignature(Map<String, String> query) {
    try {
      String timestamp = required(query, "timestamp");
      String nonce = required(query, "nonce");
      Map<String, String> answer = new LinkedHashMap<>();
      answer.put("signature", WechatSignature.sign(signatures.primaryToken(), timestamp, nonce));
      String encrypt = query.get("encrypt");
      if (encrypt != null) {
        answer.put("msg_signature", WechatSignature.sign(signatures.primaryToken(), timestamp, nonce, encrypt));
      }
      metrics.request("GET", "debug");
      return json(200, answer);
    } catch (WechatRejection rejection) {
      return reject("GET", rejection);
    }
  }

  /** A refusal as the client sees it (JSON reason and detail), counted by reason. */
  public Response reject(String method, WechatRejection rejection) {
    metrics.rejections(rejection.reason()).increment();
    metrics.request(method, "rejected");
    if (ATTACKS.contains(rejection.reason())) {
      LOG.warn("refused a {} request: {}: {}", method, rejection.reason().tag(), LogSafe.of(rejection.detail()));
    } else {
      LOG.info("refused a {} request: {}: {}", method, rejection.reason().tag(), LogSafe.of(rejection.detail()));
    }
    return json(rejection.reason().status(), new ApiError(rejection.reason().tag(), rejection.detail()));
  }

  private Opened open(Map<String, String> query, byte[] body) throws WechatRejection {
    String timestamp = required(query, "timestamp");
    String nonce = required(query, "nonce");
    long seconds = checkTimestamp(timestamp);
    String encryptType = query.getOrDefault("encrypt_type", "raw").strip().toLowerCase(Locale.ROOT);
    if (encryptType.equals("aes")) {
      WechatCrypto aes =
          crypto.orElseThrow(
              () -> new WechatRejection(AES_NOT_CONFIGURED, "safe mode needs WECHAT_ENCODING_AES_KEY, which is not configured"));
      String msgSignature = required(query, "msg_signature");
      String signature = query.get("signature");
      if (signature != null) {
        verified(signatures.verify(signature, timestamp, nonce), "signature");
      }
      String encrypt = WechatXml.parse(body).get("Encrypt");
      if (encrypt == null || encrypt.isBlank()) {
        throw new WechatRejection(MISSING_FIELD, "a safe-mode message needs an <Encrypt> element");
      }
      // the signature over the ciphertext is checked before a single byte is decrypted
      String token = verified(signatures.verify(msgSignature, timestamp, nonce, encrypt), "msg_signature");
      String xml = aes.decrypt(encrypt);
      return new Opened(
          checkRecipient(InboundMessage.from(WechatXml.parse(xml.getBytes(StandardCharsets.UTF_8)))), true, token, seconds, nonce);
    }
    if (!encryptType.equals("raw")) {
      throw new WechatRejection(UNSUPPORTED_ENCRYPTION, "encrypt_type must be aes or raw, was '" + encryptType + "'");
    }
    if (crypto.isPresent() && !settings.compatMode()) {
      // the plain signature does not cover the body: accepting plaintext here would undo safe mode
      throw new WechatRejection(
          PLAINTEXT_REFUSED, "safe mode is configured (an AES key is set): plaintext messages are refused (WECHAT_COMPAT_MODE=1 accepts both)");
    }
    String token = verified(signatures.verify(required(query, "signature"), timestamp, nonce), "signature");
    return new Opened(checkRecipient(InboundMessage.from(WechatXml.parse(body))), false, token, seconds, nonce);
  }

  private Response render(ChatReply reply, Opened opened) {
    if (reply instanceof ChatReply.Silent) {
      return SUCCESS;
    }
    long now = clock.instant().getEpochSecond();
    InboundMessage message = opened.message();
    String xml =
        reply instanceof ChatReply.News news
            ? ReplyXml.news(message.fromUser(), message.toUser(), now, news.articles())
            : ReplyXml.text(message.fromUser(), message.toUser(), now, ReplyText.fit(((ChatReply.Text) reply).content(), settings.maxReplyBytes()));
    if (!opened.encrypted()) {
      return new Response(200, Response.XML, xml);
    }
    String nonce = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 10_000_000_000L));
    String encrypt = crypto.orElseThrow().encrypt(xml);
    String signature = WechatSignature.sign(opened.token(), Long.toString(now), nonce, encrypt);
    return new Response(200, Response.XML, ReplyXml.encrypted(encrypt, signature, now, nonce));
  }

  /** The timestamp in seconds, if it is one and within the skew window. */
  private long checkTimestamp(String timestamp) throws WechatRejection {
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      throw new WechatRejection(BAD_PARAMETER, "timestamp must be seconds since the epoch, was '" + timestamp + "'");
    }
    long skew = settings.maxClockSkew().toSeconds();
    if (skew > 0 && Math.abs(clock.instant().getEpochSecond() - seconds) > skew) {
      throw new WechatRejection(STALE_TIMESTAMP, "timestamp is more than " + skew + " s away from our clock (a replay?)");
    }
    return seconds;
  }

  /** The token that verified, or (non-strict mode only) the primary token after logging the failure. */
  private String verified(Optional<String> token, String which) throws WechatRejection {
    if (token.isPresent()) {
      return token.get();
    }
    metrics.signatureFailures().increment();
    if (settings.strictVerify()) {
      throw new WechatRejection(BAD_SIGNATURE, which + " does not match any accepted token");
    }
    LOG.warn("{} does not match any accepted token; answering anyway (STRICT_WECHAT_VERIFY=0)", which);
    return signatures.primaryToken();
  }

  private InboundMessage checkRecipient(InboundMessage message) throws WechatRejection {
    if (settings.strictOriginalId() && !settings.originalId().isEmpty() && !settings.originalId().equals(message.toUser())) {
      throw new WechatRejection(WRONG_RECIPIENT, "ToUserName is not this Official Account's original ID");
    }
    return message;
  }

  private static String required(Map<String, String> query, String name) throws WechatRejection {
    String value = query.get(name);
    if (value == null || value.isEmpty()) {
      throw new WechatRejection(MISSING_PARAMETER, "query parameter '" + name + "' is required");
    }
    return value;
  }

  private static Response json(int status, Object body) {
    try {
      return new Response(status, Response.JSON, StatusJson.mapper().writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("strings always serialize", e);
    }
  }
}
