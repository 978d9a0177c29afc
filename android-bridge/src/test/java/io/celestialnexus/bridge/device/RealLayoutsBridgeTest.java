package io.celestialnexus.bridge.device;

import static io.celestialnexus.bridge.device.BridgeFixture.direct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.bridge.fake.FakeAdbd;
import io.celestialnexus.bridge.fake.WeChatModel;
import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.device.DeviceView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bridge end to end on what real WeChat 8.0.47 screens do every day (issue 11), against a fake phone reached
 * over TCP that renders the layouts public automation code reads from real phones: the top bubble cut by the
 * list's edge, time labels inside the messages' items and only where the time changed, long replies that push the
 * conversation up, a subscriptions folder with a badge, pictures, history, and a thumb scrolling the chat while the
 * bridge sends. Each message gets exactly one reply; nothing that was sent is dead-lettered.
 */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealLayoutsBridgeTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);
  /** What a skill says to "帮助": sixteen lines, taller than a third of the screen. */
  private static final String HELP = "可用命令：\n" + "运势 今日运势（示例）\n".repeat(14) + "帮助 本帮助";

  @JUnit5TestKit public ActorTestKit testKit = ActorTestKit.create();

  private Path classDir;
  private FakeAdbd phone;
  private BridgeFixture bridge;
  private TestProbe<Object> waiter;

  @BeforeAll
  void directories() throws Exception {
    classDir = Files.createTempDirectory("real-layouts-test");
  }

  @AfterEach
  void stopBridgeAndPhone() {
    if (bridge != null) {
      testKit.stop(bridge.manager);
      bridge = null;
    }
    if (phone != null) {
      phone.close();
    }
  }

  /** 8.0.47, a chat whose history fills more than a screen, and the subscriptions folder with an unread article. */
  private static WeChatModel phone047() {
    WeChatModel model = new WeChatModel().version("8.0.47").time("昨天 18:02").chat("张三");
    for (int i = 1; i <= 6; i++) {
      model.history("张三", "张三", "以前的问题" + i, false).history("张三", "我", "以前的回答" + i, true);
    }
    model.folder("订阅号消息").incoming("订阅号消息", "人民日报", "今日要闻");
    model.time("10:51");
    return model;
  }

  private BridgeFixture bridge(WeChatModel model, TestInfo test) throws Exception {
    phone = FakeAdbd.start(model);
    waiter = testKit.createTestProbe();
    Path root = Files.createDirectories(classDir.resolve(test.getTestMethod().orElseThrow().getName()));
    var router = new BridgeFixture.RecordingRouter(text -> text.equals("帮助") ? HELP : "收到：" + text);
    bridge = new BridgeFixture(testKit, root, "[" + direct("phone-1", phone.port()) + "]", "", router);
    return bridge;
  }

  @Test
  void eachMessageGetsExactlyOneReplyWithACutTopRowLongRepliesAndASubscriptionsFolder(TestInfo test) throws Exception {
    WeChatModel model = phone047();
    BridgeFixture bridge = bridge(model, test);

    model.incoming("张三", "张三", "帮助");
    await(() -> assertEquals(List.of(HELP), texts(model)));
    model.incomingPicture("张三", "张三");
    model.incoming("张三", "张三", "今天运势如何？");
    await(() -> assertEquals(List.of(HELP, "收到：今天运势如何？"), texts(model)));
    // the same command again, its twin pushed off the top by the long reply; same minute, no new label
    model.incoming("张三", "张三", "帮助");
    await(() -> assertEquals(List.of(HELP, "收到：今天运势如何？", HELP), texts(model)));

    settle(model);
    assertEquals(List.of(HELP, "收到：今天运势如何？", HELP), texts(model), "no message answered twice");
    assertEquals(List.of("帮助", "今天运势如何？", "帮助"), bridge.asked().stream().map(ChatMessage::text).toList(),
        "history and the picture got no reply");
    assertEquals(0, model.opens("订阅号消息"), "the folder is left alone");
    DeviceView view = bridge.view("phone-1");
    assertTrue(view.deadLetters().isEmpty(), "nothing sent was dead-lettered: " + view.deadLetters());
    assertEquals(3, view.sent());
    assertEquals("WeChat 8.0.47: selector set wechat-8-0-4x (resource ids; text/class fallbacks for whole-screen parts)", view.selectors());
  }

  @Test
  void aThumbScrollingTheChatRightAfterTheSendTapCausesNoRepeat(TestInfo test) throws Exception {
    WeChatModel model = phone047().scrollAtNextSend(1200); // the new bubble is below the screen when confirming
    BridgeFixture bridge = bridge(model, test);

    model.incoming("张三", "张三", "今天运势如何？");
    await(() -> assertEquals(List.of("收到：今天运势如何？"), texts(model)));
    await(() -> assertEquals(1, view(bridge).sent()));
    model.incoming("张三", "张三", "谢谢");
    await(() -> assertEquals(List.of("收到：今天运势如何？", "收到：谢谢"), texts(model)));

    settle(model);
    assertEquals(List.of("收到：今天运势如何？", "收到：谢谢"), texts(model));
    assertEquals(List.of("今天运势如何？", "谢谢"), bridge.asked().stream().map(ChatMessage::text).toList());
    assertTrue(view(bridge).deadLetters().isEmpty(), view(bridge).deadLetters().toString());
  }

  @Test
  void aBadgedRowThatOpensNoChatIsOpenedABoundedNumberOfTimes(TestInfo test) throws Exception {
    WeChatModel model = phone047();
    model.folder("腾讯新闻").incoming("腾讯新闻", "腾讯新闻", "早报"); // a service row the selectors file does not name
    BridgeFixture bridge = bridge(model, test);
    model.incoming("张三", "张三", "在吗");
    await(() -> assertEquals(List.of("收到：在吗"), texts(model)));
    await(() -> assertEquals(InboundFilter.MAX_OPENS, model.opens("腾讯新闻")));

    settle(model);
    assertEquals(InboundFilter.MAX_OPENS, model.opens("腾讯新闻"), "given up, not retried every round");
    assertEquals(List.of("收到：在吗"), texts(model));
    assertTrue(view(bridge).deadLetters().isEmpty());
  }

  @Test
  void aRowMovingUnderTheTapLosesNoMessageAndRepeatsNone(TestInfo test) throws Exception {
    WeChatModel model = phone047().chat("李四").history("李四", "李四", "好久不见", false);
    BridgeFixture bridge = bridge(model, test);
    await(() -> assertTrue(model.dumps() >= 3)); // the bridge has seen the list once
    model.incomingAtNextRowTap("李四", "李四", "在吗"); // lands on top just as the bridge taps 张三's row
    model.incoming("张三", "张三", "帮助");

    await(() -> assertEquals(2, model.sent().size()));
    settle(model);
    assertEquals(List.of("张三:" + HELP, "李四:收到：在吗"), model.sent().stream().map(s -> s.chat() + ":" + s.text()).sorted().toList());
    assertEquals(List.of("在吗", "帮助"), bridge.asked().stream().map(ChatMessage::text).sorted().toList());
    assertTrue(view(bridge).deadLetters().isEmpty());
  }

  /** Several more rounds (each dumps the chat list at least once). */
  private void settle(WeChatModel model) {
    long dumps = model.dumps();
    await(() -> assertTrue(model.dumps() >= dumps + 12));
  }

  private void await(Runnable assertion) {
    waiter.awaitAssert(PATIENCE, () -> {
      assertion.run();
      return null;
    });
  }

  private static List<String> texts(WeChatModel model) {
    return model.sent().stream().map(WeChatModel.Sent::text).toList();
  }

  private static DeviceView view(BridgeFixture bridge) {
    try {
      return bridge.view("phone-1");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
