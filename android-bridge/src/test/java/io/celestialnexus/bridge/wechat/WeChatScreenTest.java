package io.celestialnexus.bridge.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.bridge.fake.WeChatModel;
import io.celestialnexus.bridge.ui.UiDump;
import io.celestialnexus.bridge.ui.UiDumpParser;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Reading WeChat's screens through the selectors: the 8.0.4x set on the layouts it was taken from, and the
 * text/class fallbacks on the same screens after a release renamed every id.
 */
class WeChatScreenTest {

  private static final SelectorCatalog CATALOG = SelectorCatalog.load(Optional.empty());

  private final UiDumpParser parser = new UiDumpParser();

  private static WeChatModel phone() {
    WeChatModel model = new WeChatModel().chat("张三").history("张三", "张三", "周末见", false);
    model.incoming("李四", "李四", "在吗？");
    model.incoming("李四", "李四", "帮我算一下");
    model.group("家庭群", 5).incoming("家庭群", "妈妈", "晚饭吃什么");
    model.mute("订阅号消息").incoming("订阅号消息", "订阅号消息", "今日要闻");
    return model;
  }

  @Test
  void readsChatListRowsWithTheirUnreadBadges() throws Exception {
    List<ChatRow> rows = known().chatList(dump(phone()));
    assertEquals(List.of("订阅号消息", "家庭群", "李四", "张三"), rows.stream().map(ChatRow::name).toList());
    assertEquals(List.of(1, 1, 2, 0), rows.stream().map(ChatRow::unread).toList());
    assertEquals("妈妈: 晚饭吃什么", rows.get(1).preview());
  }

  @Test
  void readsAnOpenChatsTitleWithoutTheGroupsMemberCount() throws Exception {
    UiDump chat = dump(phone().open("家庭群"));
    assertTrue(known().isChat(chat));
    assertFalse(known().isChatList(chat));
    assertEquals(Optional.of("家庭群"), known().title(chat));
  }

  @Test
  void readsBubblesWithSenderSideAndTimeLabel() throws Exception {
    WeChatModel model = phone().time("10:51");
    model.incoming("张三", "张三", "你好");
    model.history("张三", "我", "你好呀", true);
    List<Bubble> bubbles = known().messages(dump(model.open("张三")));
    assertEquals(
        List.of(
            new Bubble("张三", "周末见", false, "10:50", bubbles.get(0).bounds()),
            new Bubble("张三", "你好", false, "10:51", bubbles.get(1).bounds()),
            new Bubble("我", "你好呀", true, "10:51", bubbles.get(2).bounds())),
        bubbles);
  }

  @Test
  void groupMessagesNameTheirSender() throws Exception {
    List<Bubble> bubbles = known().messages(dump(phone().open("家庭群")));
    assertEquals("妈妈", bubbles.get(0).sender());
    assertEquals("晚饭吃什么", bubbles.get(0).text());
  }

  @Test
  void fallbacksReadTheSameScreensAfterEveryIdWasRenamed() throws Exception {
    WeChatScreen fallback = new WeChatScreen(CATALOG.forVersion("8.9.0"));
    WeChatModel renamed = phone().obfuscated();
    UiDump list = dump(renamed);
    // the one thing text and class cannot see: a muted chat's red dot has neither (its count reads 0)
    assertEquals(List.of("订阅号消息0", "家庭群1", "李四2", "张三0"),
        fallback.chatList(list).stream().map(row -> row.name() + row.unread()).toList());
    assertTrue(fallback.isChatList(list));

    UiDump chat = dump(renamed.open("家庭群"));
    assertEquals(Optional.of("家庭群"), fallback.title(chat));
    assertEquals(List.of("妈妈:晚饭吃什么:false"),
        fallback.messages(chat).stream().map(b -> b.sender() + ":" + b.text() + ":" + b.own()).toList());
    assertTrue(fallback.find(chat, UiRole.INPUT_BOX).isPresent());
    assertTrue(fallback.find(chat, UiRole.BACK).isPresent());
  }

  @Test
  void unreadBadgesAreCountsOrDots() {
    assertEquals(3, WeChatScreen.unread("3"));
    assertEquals(99, WeChatScreen.unread("99+"));
    assertEquals(1, WeChatScreen.unread(""));
  }

  private static WeChatScreen known() {
    return new WeChatScreen(CATALOG.forVersion("8.0.48"));
  }

  private UiDump dump(WeChatModel model) throws Exception {
    return parser.parse(model.dump());
  }
}
