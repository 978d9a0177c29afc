package io.celestialnexus.bridge.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.celestialnexus.engine.chat.ChatMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InboundFilterTest {

  private static ChatMessage message(String chat, String text) {
    return ChatMessage.text(ChatMessage.Channel.PHONE, chat, text, "key-" + chat + "-" + text, Instant.EPOCH);
  }

  private static List<String> texts(List<ChatMessage> messages) {
    return messages.stream().map(ChatMessage::text).toList();
  }

  @Test
  void theFirstLookAtAChatTakesWhatIsAboveItsUnreadCountAsHistory() {
    var inbound = new InboundFilter(100);
    List<ChatMessage> screen = List.of(message("张三", "昨天"), message("张三", "早上"), message("张三", "在吗"));
    assertEquals(List.of("在吗"), texts(inbound.read("张三", screen, 1, "在吗", "在吗")));
    assertEquals(1, inbound.received());
  }

  @Test
  void aMessageReadAgainIsNotAnsweredAgain() {
    var inbound = new InboundFilter(100);
    inbound.read("张三", List.of(message("张三", "在吗")), 1, "在吗", "在吗");
    List<ChatMessage> again = List.of(message("张三", "在吗"), message("张三", "还有一件事"));
    assertEquals(List.of("还有一件事"), texts(inbound.read("张三", again, 0, "还有一件事", null)));
    assertEquals(List.of(), inbound.read("张三", again, 0, "还有一件事", null));
    assertEquals(2, inbound.received());
  }

  @Test
  void afterTheFirstLookAMessageWithoutABadgeIsNewToo() {
    var inbound = new InboundFilter(100);
    assertEquals(List.of(), inbound.read("张三", List.of(message("张三", "周末见")), 0, "周末见", "周末见"));
    List<ChatMessage> screen = List.of(message("张三", "周末见"), message("张三", "改到周日"));
    assertEquals(List.of("改到周日"), texts(inbound.read("张三", screen, 0, "改到周日", null)));
  }

  @Test
  void aMessageStillOnScreenStaysRememberedWhileNewerOnesComeAndGo() {
    var inbound = new InboundFilter(2);
    var pinned = message("张三", "置顶");
    inbound.read("张三", List.of(pinned), 1, "置顶", null);
    inbound.read("张三", List.of(pinned, message("张三", "一")), 0, "一", null);
    inbound.read("张三", List.of(pinned, message("张三", "二")), 0, "二", null); // forgets "一", not "置顶"
    assertEquals(List.of(), inbound.read("张三", List.of(pinned, message("张三", "二")), 0, "二", null));
    assertEquals(3, inbound.received());
  }

  @Test
  void aChatOpenedButNotReadStaysUnfinishedWithItsHighestUnreadCount() {
    var inbound = new InboundFilter(100);
    inbound.chatOpened("张三", 3);
    inbound.chatOpened("张三", 1); // a later round saw fewer: the badge had gone with the first
    inbound.chatOpened("李四", 1);
    assertEquals(Map.of("张三", 3, "李四", 1), inbound.unfinishedChats());
    inbound.read("张三", List.of(message("张三", "在吗")), 3, "在吗", null);
    assertEquals(Map.of("李四", 1), inbound.unfinishedChats());
  }

  @Test
  void aChatReadOutsideTheListKeepsThePreviewItLastShowed() {
    var inbound = new InboundFilter(100);
    inbound.read("张三", List.of(message("张三", "在吗")), 1, "在吗", "在吗");
    inbound.read("张三", List.of(message("张三", "在吗")), 0, "收到", null); // after a send: not opened from the list
    assertEquals(Map.of("张三", new ChatMemory("收到", "在吗")), inbound.chats());
  }
}
