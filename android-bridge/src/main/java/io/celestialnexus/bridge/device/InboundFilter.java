package io.celestialnexus.bridge.device;

import io.celestialnexus.bridge.wechat.Bubble;
import io.celestialnexus.bridge.wechat.Conversation;
import io.celestialnexus.engine.chat.ChatMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Which incoming messages of one phone are new, and what a round needs to know to find them: what the bridge last
 * saw of each chat ({@link ChatMemory}), the dedup keys of messages already seen, and the chats a round opened but
 * did not finish (their badge is gone, so the next round must open them anyway, a bounded number of times). Plain
 * and single-threaded: the {@link DeviceActor} owns it, and it starts empty when the actor does.
 *
 * <p>New messages are found by the order of the bubbles, not by where they are: the last bubbles seen before
 * ({@link ChatMemory#tail()}) are looked up on the new screen, and the incoming messages after them are new. A reply
 * that pushed the conversation up, a top bubble scrolled partly off, a time label scrolled away change positions and
 * labels but not that order. A message whose text repeats one scrolled off above is new too (it gets a key of its
 * own).
 *
 * <p>When none of the remembered bubbles is on screen (more than a screenful arrived, or the chat shows an older part)
 * and on the first look at a chat, only the newest incoming messages, as many as the badge counted, can be new: the
 * ones above them were read before (history), and each of the newest is new only if its key was not seen.
 */
final class InboundFilter {

  /** Chats whose memory is kept; the least recently read goes first. */
  static final int REMEMBERED_CHATS = 1_000;

  /** Rounds that may open a chat without reading it before the bridge leaves it alone until its badge grows. */
  static final int MAX_OPENS = 3;

  // least recently used, not oldest: a message still on screen is seen again each round and must stay remembered
  private final Map<String, Boolean> seen;
  private final Map<String, ChatMemory> chats = BoundedMaps.leastRecentlyUsed(REMEMBERED_CHATS);
  private final Map<String, Integer> unfinishedChats = new LinkedHashMap<>();
  private final Map<String, Integer> opens = new LinkedHashMap<>();
  private final Map<String, Integer> abandonedChats = BoundedMaps.leastRecentlyUsed(REMEMBERED_CHATS);
  private long received;

  /** @param rememberedMessages how many dedup keys are kept ({@code nexus.bridge.remembered-messages}) */
  InboundFilter(int rememberedMessages) {
    this.seen = BoundedMaps.leastRecentlyUsed(rememberedMessages);
  }

  /**
   * A round is opening {@code chat}, which shows {@code unread} unread messages: until it is read, it is unfinished.
   * Returns true when this was the {@value #MAX_OPENS}th open without a read: the chat is then no longer unfinished,
   * and it is left alone while its badge shows no more than {@code unread} (see {@link #abandonedChats()}).
   */
  boolean chatOpened(String chat, int unread) {
    int highest = unfinishedChats.merge(chat, unread, Math::max);
    if (opens.merge(chat, 1, Integer::sum) < MAX_OPENS) {
      return false;
    }
    unfinishedChats.remove(chat);
    opens.remove(chat);
    abandonedChats.put(chat, highest);
    return true;
  }

  /**
   * The bubbles on {@code chat}'s screen were read: returns the incoming messages to answer, each once.
   *
   * @param messages the incoming text messages on screen, oldest first, one per incoming token of {@code screen}
   * @param screen every text bubble on screen as {@linkplain Bubble#token() tokens}, oldest first
   * @param preview the chat-list preview the chat was opened from, null when it was not opened from the list
   */
  List<ChatMessage> read(String chat, List<ChatMessage> messages, List<String> screen, int unread, String preview) {
    unfinishedChats.remove(chat);
    opens.remove(chat);
    abandonedChats.remove(chat);
    ChatMemory before = chats.get(chat);
    String lastText = screen.isEmpty() ? before == null ? null : before.lastText() : Bubble.text(screen.get(screen.size() - 1));
    List<String> tail = screen.isEmpty() && before != null ? before.tail() : screen;
    chats.put(chat, new ChatMemory(lastText, preview != null ? preview : before == null ? null : before.preview(), tail));

    List<ChatMessage> fresh;
    if (before != null && before.tail().isEmpty()) {
      fresh = newest(messages, messages.size()); // seen, but no text bubble then: whatever was not seen is new
    } else {
      OptionalInt newFrom =
          before == null || incoming(screen) != messages.size() ? OptionalInt.empty() : Conversation.after(before.tail(), screen);
      fresh = newFrom.isPresent() ? after(messages, screen, newFrom.getAsInt()) : newest(messages, unread);
    }
    received += fresh.size();
    return fresh;
  }

  /** The messages after the remembered bubbles; one whose key was seen repeats an earlier text and gets its own key. */
  private List<ChatMessage> after(List<ChatMessage> messages, List<String> screen, int newFrom) {
    int old = incoming(screen.subList(0, newFrom));
    messages.subList(0, old).forEach(message -> seen.putIfAbsent(message.dedupKey(), Boolean.TRUE));
    var fresh = new ArrayList<ChatMessage>();
    for (ChatMessage message : messages.subList(old, messages.size())) {
      String key = message.dedupKey();
      for (int twin = 2; seen.containsKey(key); twin++) {
        key = message.dedupKey() + "#" + twin;
      }
      seen.put(key, Boolean.TRUE);
      fresh.add(key.equals(message.dedupKey()) ? message : ChatMessage.text(message.channel(), message.sender(), message.text(), key, message.receivedAt()));
    }
    return List.copyOf(fresh);
  }

  /** The last {@code unread} messages whose keys were not seen; the ones above them are history. */
  private List<ChatMessage> newest(List<ChatMessage> messages, int unread) {
    List<ChatMessage> history = messages.subList(0, Math.max(0, messages.size() - unread));
    history.forEach(message -> seen.putIfAbsent(message.dedupKey(), Boolean.TRUE));
    var fresh = new ArrayList<ChatMessage>();
    for (ChatMessage message : messages.subList(history.size(), messages.size())) {
      if (seen.putIfAbsent(message.dedupKey(), Boolean.TRUE) == null) {
        fresh.add(message);
      }
    }
    return List.copyOf(fresh);
  }

  private static int incoming(List<String> tokens) {
    return (int) tokens.stream().filter(Bubble::incoming).count();
  }

  /** Chats a round opened but did not finish, with the most unread messages any of them showed. */
  Map<String, Integer> unfinishedChats() {
    return Map.copyOf(unfinishedChats);
  }

  /** Chats opened {@value #MAX_OPENS} times without a read, with the badge they showed: left alone until it grows. */
  Map<String, Integer> abandonedChats() {
    return Map.copyOf(abandonedChats);
  }

  /** What was last seen of each remembered chat. */
  Map<String, ChatMemory> chats() {
    return Map.copyOf(chats);
  }

  /** New messages found since the phone's actor started. */
  long received() {
    return received;
  }
}
