package io.celestialnexus.bridge.device;

import io.celestialnexus.engine.chat.ChatMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which incoming messages of one phone are new, and what a round needs to know to find them: the dedup keys of
 * messages already seen, what the bridge last saw of each chat ({@link ChatMemory}), and the chats a round opened
 * but did not finish (their badge is gone, so the next round must open them anyway). Plain and single-threaded: the
 * {@link DeviceActor} owns it, and it starts empty when the actor does.
 *
 * <p>The first look at a chat takes the messages above its unread count as history: they were read before the bridge
 * looked, and answering a screenful of them would be wrong. After that, any message not seen before is new, also one
 * that arrived while the bridge had the chat open (WeChat shows no badge for it).
 */
final class InboundFilter {

  /** Chats whose memory is kept; the least recently read goes first. */
  static final int REMEMBERED_CHATS = 1_000;

  // least recently used, not oldest: a message still on screen is seen again each round and must stay remembered
  private final Map<String, Boolean> seen;
  private final Map<String, ChatMemory> chats = BoundedMaps.leastRecentlyUsed(REMEMBERED_CHATS);
  private final Map<String, Integer> unfinishedChats = new LinkedHashMap<>();
  private long received;

  /** @param rememberedMessages how many dedup keys are kept ({@code nexus.bridge.remembered-messages}) */
  InboundFilter(int rememberedMessages) {
    this.seen = BoundedMaps.leastRecentlyUsed(rememberedMessages);
  }

  /** A round is opening {@code chat}, which shows {@code unread} unread messages: until it is read, it is unfinished. */
  void chatOpened(String chat, int unread) {
    unfinishedChats.merge(chat, unread, Math::max);
  }

  /**
   * The incoming messages on {@code chat}'s screen (oldest first) were read: returns those to answer, each once.
   *
   * @param lastText the last text bubble on screen (either side)
   * @param preview the chat-list preview the chat was opened from, null when it was not opened from the list
   */
  List<ChatMessage> read(String chat, List<ChatMessage> messages, int unread, String lastText, String preview) {
    unfinishedChats.remove(chat);
    ChatMemory before = chats.get(chat);
    chats.put(chat, new ChatMemory(lastText, preview != null ? preview : before == null ? null : before.preview()));
    List<ChatMessage> candidates = messages;
    if (before == null) {
      List<ChatMessage> history = messages.subList(0, Math.max(0, messages.size() - unread));
      history.forEach(message -> seen.putIfAbsent(message.dedupKey(), Boolean.TRUE));
      candidates = messages.subList(history.size(), messages.size());
    }
    var fresh = new ArrayList<ChatMessage>();
    for (ChatMessage message : candidates) {
      if (seen.putIfAbsent(message.dedupKey(), Boolean.TRUE) == null) {
        fresh.add(message);
      }
    }
    received += fresh.size();
    return List.copyOf(fresh);
  }

  /** Chats a round opened but did not finish, with the most unread messages any of them showed. */
  Map<String, Integer> unfinishedChats() {
    return Map.copyOf(unfinishedChats);
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
