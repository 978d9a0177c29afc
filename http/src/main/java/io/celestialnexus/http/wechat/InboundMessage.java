package io.celestialnexus.http.wechat;

import static io.celestialnexus.http.wechat.WechatRejection.Reason.BAD_PARAMETER;
import static io.celestialnexus.http.wechat.WechatRejection.Reason.MISSING_FIELD;

import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.http.LogSafe;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A message WeChat delivered, read from its XML fields: who wrote to whom, when, what type, and the type's
 * content. It becomes the {@link ChatMessage} the skills answer.
 *
 * @param msgType lowercase: text, image, voice, video, shortvideo, location, link, event, or another WeChat adds
 * @param msgId WeChat's message id; events have none
 */
public record InboundMessage(
    String toUser, String fromUser, long createTime, String msgType, String msgId, String event, Map<String, String> fields) {

  public InboundMessage {
    fields = Map.copyOf(fields);
  }

  public static InboundMessage from(Map<String, String> fields) throws WechatRejection {
    String createTime = required(fields, "CreateTime");
    long seconds;
    try {
      seconds = Long.parseLong(createTime.strip());
    } catch (NumberFormatException e) {
      throw new WechatRejection(MISSING_FIELD, "CreateTime is not a number of seconds: '" + createTime + "'");
    }
    String msgId = fields.get("MsgId");
    return new InboundMessage(
        account(fields, "ToUserName"),
        account(fields, "FromUserName"),
        seconds,
        required(fields, "MsgType").strip().toLowerCase(Locale.ROOT),
        msgId == null || msgId.isBlank() ? null : msgId.strip(),
        fields.get("Event") == null ? null : fields.get("Event").strip(),
        fields);
  }

  /**
   * An OpenID or original ID: never holds a control character, and refusing one here keeps a forged line break out
   * of every later log line and key that names the sender (the engine's logs included).
   */
  private static String account(Map<String, String> fields, String name) throws WechatRejection {
    String value = required(fields, name);
    if (LogSafe.hasControlCharacters(value)) {
      throw new WechatRejection(BAD_PARAMETER, name + " holds control characters, which no WeChat account ID does");
    }
    return value;
  }

  private static String required(Map<String, String> fields, String name) throws WechatRejection {
    String value = fields.get(name);
    if (value == null || value.isBlank()) {
      throw new WechatRejection(MISSING_FIELD, "the message has no " + name);
    }
    return value;
  }

  /** Stable across WeChat's re-deliveries: the MsgId, or sender + CreateTime for events (which have none). */
  public String dedupKey() {
    return msgId != null ? "msg:" + msgId : "evt:" + fromUser + ":" + createTime;
  }

  /** The kind of chat message, or empty for a type the skills do not know (answered with "success"). */
  public Optional<ChatMessage.Kind> kind() {
    return Optional.ofNullable(
        switch (msgType) {
          case "text" -> ChatMessage.Kind.TEXT;
          case "image" -> ChatMessage.Kind.IMAGE;
          case "voice" -> ChatMessage.Kind.VOICE;
          case "video" -> ChatMessage.Kind.VIDEO;
          case "shortvideo" -> ChatMessage.Kind.SHORT_VIDEO;
          case "location" -> ChatMessage.Kind.LOCATION;
          case "link" -> ChatMessage.Kind.LINK;
          case "event" -> ChatMessage.Kind.EVENT;
          default -> null;
        });
  }

  /** The chat message; call only when {@link #kind()} is present. */
  public ChatMessage toChatMessage(Instant receivedAt) {
    ChatMessage.Kind kind = kind().orElseThrow();
    return new ChatMessage(ChatMessage.Channel.OFFICIAL_ACCOUNT, fromUser, kind, text(kind), event, dedupKey(), receivedAt);
  }

  private String text(ChatMessage.Kind kind) {
    return switch (kind) {
      case TEXT -> field("Content");
      case VOICE -> field("Recognition").isEmpty() ? "[voice]" : field("Recognition");
      case LOCATION -> field("Label") + " (" + field("Location_X") + "," + field("Location_Y") + ")";
      case LINK -> field("Title") + " " + field("Url");
      case IMAGE -> "[image] " + field("PicUrl");
      case VIDEO, SHORT_VIDEO -> "[" + msgType + "]";
      case EVENT -> "";
    };
  }

  private String field(String name) {
    return fields.getOrDefault(name, "");
  }
}
