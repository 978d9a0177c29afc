package io.celestialnexus.engine.chat;

import java.time.Instant;
import java.util.Objects;

/**
 * A message from a person, whichever way it came: the Official Account webhook or a phone driven over ADB.
 * Both edges build this and ask the same {@link SkillRouter} for the reply.
 *
 * @param sender who wrote (an OpenID, or a chat name on the phone); replies and rate limits are per sender
 * @param text the text of a TEXT message, a description for other kinds, empty for events
 * @param event for {@link Kind#EVENT}: subscribe, unsubscribe, CLICK, VIEW, SCAN (else null)
 * @param dedupKey stable across re-deliveries of the same message (MsgId, or sender + CreateTime for events)
 */
public record ChatMessage(
    Channel channel, String sender, Kind kind, String text, String event, String dedupKey, Instant receivedAt) {

  /** Where a message came from. */
  public enum Channel {
    OFFICIAL_ACCOUNT,
    PHONE
  }

  /** WeChat's message types. */
  public enum Kind {
    TEXT,
    IMAGE,
    VOICE,
    VIDEO,
    SHORT_VIDEO,
    LOCATION,
    LINK,
    EVENT
  }

  public ChatMessage {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(dedupKey, "dedupKey");
    Objects.requireNonNull(receivedAt, "receivedAt");
    text = text == null ? "" : text;
  }

  public static ChatMessage text(Channel channel, String sender, String text, String dedupKey, Instant at) {
    return new ChatMessage(channel, sender, Kind.TEXT, text, null, dedupKey, at);
  }
}
