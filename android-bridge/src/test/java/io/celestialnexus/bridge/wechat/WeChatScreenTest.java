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

  // ---- dumps in the layout real 8.0.47 phones have (src/test/resources/wechat, sources in its README)

  @Test
  void aBubbleCutByTheTopEdgeIsAMessageNeverATimeLabel() throws Exception {
    List<Bubble> bubbles = known().messages(fixture("8.0.47-chat-partial-top.xml"));
    Bubble top = bubbles.get(0);
    assertEquals("上次说的那本书叫什么来着？", top.text());
    assertFalse(top.own(), "told by the bubble's side without an avatar");
    assertTrue(top.partial());
    assertEquals("", top.timeLabel());
    assertEquals("昨天 18:02", bubbles.get(1).timeLabel(), "the text of the cut bubble is nobody's label");
  }

  @Test
  void timeLabelsAreReadFromInsideTheMessagesItems() throws Exception {
    List<Bubble> bubbles = known().messages(fixture("8.0.47-chat-partial-top.xml"));
    assertEquals(
        List.of(
            "in|上次说的那本书叫什么来着？|",
            "in|帮助|昨天 18:02",
            "out|可用命令：\n运势 今日运势\n起卦 问事起卦\n天气 城市天气\n帮助 本帮助|昨天 18:02",
            "in|今天运势如何？|10:51",
            "in|帮助|10:51"),
        bubbles.stream().map(b -> (b.own() ? "out" : "in") + "|" + b.text() + "|" + b.timeLabel()).toList(),
        "the picture and the file have no text and are not messages");
    assertEquals("张三", bubbles.get(1).sender());
  }

  @Test
  void inAGroupAnOwnBubbleCutAtTheTopAndAPicturesSenderLineAreReadForWhatTheyAre() throws Exception {
    UiDump group = fixture("8.0.47-group-chat.xml");
    assertEquals(Optional.of("家庭群"), known().title(group));
    List<Bubble> bubbles = known().messages(group);
    assertEquals(
        List.of("out||我晚点到|", "in|妈妈|晚饭吃什么|星期一 19:30", "in|妈妈|19:30|星期一 19:30"),
        bubbles.stream().map(b -> (b.own() ? "out" : "in") + "|" + b.sender() + "|" + b.text() + "|" + b.timeLabel()).toList(),
        "爸爸's picture is not read as a message saying '爸爸'");
  }

  @Test
  void theSubscriptionsFolderAndServiceRowsAreNotChats() throws Exception {
    List<ChatRow> rows = known().chatList(fixture("8.0.47-chat-list.xml"));
    assertEquals(
        List.of("订阅号消息:1:folder", "张三:2:chat", "家庭群:1:chat", "服务通知:1:folder", "文件传输助手:0:chat"),
        rows.stream().map(row -> row.name() + ":" + row.unread() + ":" + (row.chat() ? "chat" : "folder")).toList());
  }

  @Test
  void everyVersionFrom8041To8049ReadsTheseLayouts() throws Exception {
    for (int patch = 41; patch <= 49; patch++) {
      WeChatScreen screen = new WeChatScreen(CATALOG.forVersion("8.0." + patch));
      assertEquals(5, screen.messages(fixture("8.0.47-chat-partial-top.xml")).size(), "8.0." + patch);
      assertEquals(1, screen.chatList(fixture("8.0.47-chat-list.xml")).get(0).unread(), "8.0." + patch + " sees the folder's dot");
    }
  }

  // ---- the fake phone's screens

  @Test
  void repliesOfEveryLengthPushTheConversationUpWithoutChangingWhatItsBubblesSay() throws Exception {
    WeChatScreen fallback = new WeChatScreen(CATALOG.forVersion("8.9.0"));
    int partial = 0;
    for (int lines = 1; lines <= 16; lines++) { // each length cuts the top item at another height
      WeChatModel model = new WeChatModel().chat("张三");
      for (int i = 1; i <= 8; i++) {
        model.incoming("张三", "张三", "第" + i + "条");
        model.history("张三", "我", "收到" + i, true);
      }
      model.history("张三", "我", "一行\n".repeat(lines - 1) + "最后一行", true);
      List<Bubble> bubbles = known().messages(dump(model.open("张三")));
      List<String> tokens = bubbles.stream().map(Bubble::token).toList();
      List<Bubble> read = fallback.messages(dump(model.obfuscated()));
      assertEquals(tokens, read.stream().map(Bubble::token).toList(), lines + " lines: the fallbacks read the same bubbles");
      for (Bubble bubble : bubbles) {
        assertTrue(bubble.timeLabel().isEmpty() || bubble.timeLabel().equals("10:50"), lines + " lines: " + bubble);
        assertEquals(bubble.text().startsWith("收到") || bubble.text().contains("行"), bubble.own(), lines + " lines: " + bubble);
      }
      assertTrue(read.stream().allMatch(b -> b.timeLabel().isEmpty() || b.timeLabel().equals("10:50")), "no text is taken for a label: " + read);
      partial += bubbles.get(0).partial() ? 1 : 0;
    }
    assertTrue(partial > 0, "some lengths leave the top bubble without its avatar");
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

  private UiDump fixture(String name) throws Exception {
    try (var in = WeChatScreenTest.class.getResourceAsStream("/wechat/" + name)) {
      return parser.parse(in.readAllBytes());
    }
  }
}
