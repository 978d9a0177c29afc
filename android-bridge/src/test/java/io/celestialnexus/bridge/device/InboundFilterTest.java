package io.celestialnexus.bridge.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.bridge.wechat.Bubble;
import io.celestialnexus.bridge.ui.Bounds;
import io.celestialnexus.engine.chat.ChatMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InboundFilterTest {

  /** A chat's screen: "我:" marks our own bubbles, anything else is incoming (keyed by its text, as a label-less key). */
  private record Screen(List<ChatMessage> messages, List<String> tokens) {}

  private static Screen screen(String chat, String... bubbles) {
    var messages = new ArrayList<ChatMessage>();
    var tokens = new ArrayList<String>();
    for (String bubble : bubbles) {
      boolean own = bubble.startsWith("我:");
      String text = own ? bubble.substring(2) : bubble;
      tokens.add(new Bubble(own ? "我" : chat, text, own, "", Bounds.NONE).token());
      if (!own) {
        messages.add(ChatMessage.text(ChatMessage.Channel.PHONE, chat, text, "key-" + chat + "-" + text, Instant.EPOCH));
      }
    }
    return new Screen(List.copyOf(messages), List.copyOf(tokens));
  }

  private static List<String> read(InboundFilter inbound, String chat, int unread, String preview, String... bubbles) {
    Screen screen = screen(chat, bubbles);
    return inbound.read(chat, screen.messages(), screen.tokens(), unread, preview).stream().map(ChatMessage::text).toList();
  }

  @Test
  void theFirstLookAtAChatTakesWhatIsAboveItsUnreadCountAsHistory() {
    var inbound = new InboundFilter(100);
    assertEquals(List.of("在吗"), read(inbound, "张三", 1, "在吗", "昨天", "早上", "在吗"));
    assertEquals(1, inbound.received());
  }

  @Test
  void aMessageReadAgainIsNotAnsweredAgain() {
    var inbound = new InboundFilter(100);
    read(inbound, "张三", 1, "在吗", "在吗");
    assertEquals(List.of("还有一件事"), read(inbound, "张三", 0, null, "在吗", "还有一件事"));
    assertEquals(List.of(), read(inbound, "张三", 0, null, "在吗", "还有一件事"));
    assertEquals(2, inbound.received());
  }

  @Test
  void afterTheFirstLookAMessageWithoutABadgeIsNewToo() {
    var inbound = new InboundFilter(100);
    assertEquals(List.of(), read(inbound, "张三", 0, "周末见", "周末见"));
    assertEquals(List.of("改到周日"), read(inbound, "张三", 0, null, "周末见", "改到周日"));
  }

  @Test
  void aLongReplyPushingTheConversationUpMakesNothingNew() {
    var inbound = new InboundFilter(100);
    read(inbound, "张三", 1, "帮助", "一", "二", "三", "帮助");
    // the reply is 16 lines: the top of the chat scrolls off, what is left moves up
    assertEquals(List.of(), read(inbound, "张三", 0, null, "三", "帮助", "我:第1行\n第2行\n第16行"));
    assertEquals(List.of("谢谢"), read(inbound, "张三", 0, null, "帮助", "我:第1行\n第2行\n第16行", "谢谢"));
  }

  @Test
  void aRepeatedCommandWhoseTwinScrolledOffIsNewWithAKeyOfItsOwn() {
    var inbound = new InboundFilter(100);
    Screen first = screen("张三", "帮助");
    ChatMessage answered = inbound.read("张三", first.messages(), first.tokens(), 1, "帮助").get(0);
    read(inbound, "张三", 0, null, "帮助", "我:用法……", "天气", "我:晴");
    // the first "帮助" scrolled off; the same text again, under the same (or no) label: the same identity
    Screen again = screen("张三", "我:用法……", "天气", "我:晴", "帮助");
    List<ChatMessage> fresh = inbound.read("张三", again.messages(), again.tokens(), 1, "帮助");
    assertEquals(List.of("帮助"), fresh.stream().map(ChatMessage::text).toList());
    assertNotEquals(answered.dedupKey(), fresh.get(0).dedupKey(), "its reply must not be taken for the first one's");
  }

  @Test
  void aChatShowingAnOlderPartAnswersNothing() {
    var inbound = new InboundFilter(100);
    read(inbound, "张三", 1, "四", "一", "二", "三", "四");
    // the person holding the phone scrolled up: none of the last bubbles is on screen, and no badge counted any
    assertEquals(List.of(), read(inbound, "张三", 0, null, "零", "一", "二"));
    assertEquals(1, inbound.received());
  }

  @Test
  void aShortRunInTheMiddleOfTheScreenIsNotWhereTheChatWasLeft() {
    var inbound = new InboundFilter(100);
    read(inbound, "张三", 1, "b", "a", "我:好", "b", "我:好");
    // "我:好" also appears higher up; only the whole tail, or its end at the very top, marks the place
    assertEquals(List.of("c"), read(inbound, "张三", 1, null, "x", "我:好", "b", "我:好", "c"));
  }

  @Test
  void aChatOpenedButNotReadStaysUnfinishedWithItsHighestUnreadCount() {
    var inbound = new InboundFilter(100);
    inbound.chatOpened("张三", 3);
    inbound.chatOpened("张三", 1); // a later round saw fewer: the badge had gone with the first
    inbound.chatOpened("李四", 1);
    assertEquals(Map.of("张三", 3, "李四", 1), inbound.unfinishedChats());
    read(inbound, "张三", 3, null, "在吗");
    assertEquals(Map.of("李四", 1), inbound.unfinishedChats());
  }

  @Test
  void aRowThatNeverShowsItsChatIsOpenedABoundedNumberOfTimes() {
    var inbound = new InboundFilter(100);
    for (int round = 1; round < InboundFilter.MAX_OPENS; round++) {
      assertFalse(inbound.chatOpened("订阅号消息", 1));
      assertEquals(Map.of("订阅号消息", 1), inbound.unfinishedChats());
    }
    assertTrue(inbound.chatOpened("订阅号消息", 1), "the last open gives up");
    assertEquals(Map.of(), inbound.unfinishedChats(), "not retried by the next round");
    assertEquals(Map.of("订阅号消息", 1), inbound.abandonedChats(), "left alone while its badge stays at 1");
    read(inbound, "订阅号消息", 2, null, "今日要闻");
    assertEquals(Map.of(), inbound.abandonedChats(), "a read takes it back");
  }

  @Test
  void aChatReadOutsideTheListKeepsThePreviewItLastShowed() {
    var inbound = new InboundFilter(100);
    read(inbound, "张三", 1, "在吗", "在吗");
    read(inbound, "张三", 0, null, "在吗", "我:收到"); // after a send: not opened from the list
    ChatMemory memory = inbound.chats().get("张三");
    assertEquals("收到", memory.lastText());
    assertEquals("在吗", memory.preview());
  }
}
