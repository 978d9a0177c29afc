package io.celestialnexus.bridge.device;

import static io.celestialnexus.bridge.device.BridgeFixture.direct;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.bridge.fake.FakeAdbd;
import io.celestialnexus.bridge.fake.WeChatModel;
import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.device.DeviceRequestRejected;
import io.celestialnexus.engine.device.DeviceView;
import io.celestialnexus.engine.device.OutgoingReceipt;
import io.celestialnexus.engine.device.OutgoingRequest;
import io.celestialnexus.engine.status.Alert;
import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.engine.status.TaskState;
import io.celestialnexus.engine.testing.Promtool;
import io.celestialnexus.engine.testing.StatusProbes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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
 * The bridge end to end against fake phones reached directly over TCP: real dadb connections, real device
 * actors and tasks under the engine's keepers; only the phone is fake, and it speaks adbd's protocol.
 */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceBridgeTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @JUnit5TestKit public ActorTestKit testKit = ActorTestKit.create();

  private Path classDir;
  private FakeAdbd phone;
  private BridgeFixture bridge;
  private TestProbe<Object> waiter;

  @BeforeAll
  void directories() throws Exception {
    classDir = Files.createTempDirectory("bridge-test");
  }

  @AfterEach
  void stopBridgeAndPhone() {
    if (bridge != null) {
      testKit.stop(bridge.manager); // its rounds end with it, so no test's phone is retried during the next
      bridge = null;
    }
    if (phone != null) {
      phone.close();
    }
  }

  private BridgeFixture bridge(WeChatModel model, TestInfo test, String overrides) throws Exception {
    return bridge(model, test, overrides, new BridgeFixture.RecordingRouter());
  }

  private BridgeFixture bridge(WeChatModel model, TestInfo test, String overrides, BridgeFixture.RecordingRouter router)
      throws Exception {
    phone = FakeAdbd.start(model);
    waiter = testKit.createTestProbe();
    Path root = Files.createDirectories(classDir.resolve(test.getTestMethod().orElseThrow().getName()));
    bridge = new BridgeFixture(testKit, root, "[" + direct("phone-1", phone.port()) + "]", overrides, router);
    return bridge;
  }

  private void await(Runnable assertion) {
    waiter.awaitAssert(PATIENCE, () -> {
      assertion.run();
      return null;
    });
  }

  @Test
  void readsAnUnreadMessageAndAnswersItInTheSameChat(TestInfo test) throws Exception {
    WeChatModel model = new WeChatModel().chat("张三").history("张三", "张三", "周末见", false);
    BridgeFixture bridge = bridge(model, test, "");
    model.incoming("张三", "张三", "今天运势如何？");

    await(() -> assertEquals(List.of("张三:收到：今天运势如何？"), sent(model)));
    ChatMessage asked = bridge.asked().get(0);
    assertEquals(ChatMessage.Channel.PHONE, asked.channel());
    assertEquals("张三", asked.sender());
    assertEquals("今天运势如何？", asked.text());
    assertTrue(asked.dedupKey().startsWith("phone:phone-1:"), asked.dedupKey());
    assertEquals(1, bridge.asked().size(), "the old, already-read message is not answered");
    assertEquals(0, model.unread("张三"));
    assertEquals(List.of("adb-keyboard: 收到：今天运势如何？"), model.typed(), "typed once, through the ADB Keyboard");
    assertTrue(model.taps().size() >= 3, "row, input, send (in the chat just read)...: " + model.taps());

    await(() -> assertEquals(1, view(bridge).sent()));
    DeviceView view = view(bridge);
    assertEquals(TaskState.RUNNING, view.state());
    assertEquals("8.0.48", view.wechatVersion());
    assertFalse(view.selectorsFallback());
    assertEquals(1, view.received());
    assertNotNull(view.lastSeen());
    assertEquals(0, view.queueLength());
  }

  @Test
  void identicalRepliesOnAFullScreenAreEachSentOnce(TestInfo test) throws Exception {
    WeChatModel model = new WeChatModel().chat("张三");
    bridge(model, test, "", new BridgeFixture.RecordingRouter("本节点的技能尚未启用。"));
    for (int i = 1; i <= 12; i++) { // more than a screen holds: old identical replies scroll off the top
      int expected = i;
      model.incoming("张三", "张三", "第" + i + "条");
      await(() -> assertEquals(expected, model.sent().size()));
    }
    long dumps = model.dumps();
    await(() -> assertTrue(model.dumps() >= dumps + 5));
    assertEquals(12, model.sent().size(), "one reply per message, none repeated: " + sent(model));
  }

  @Test
  void aMessageArrivingWhileTheChatIsOpenIsAnsweredToo(TestInfo test) throws Exception {
    WeChatModel model = new WeChatModel().chat("张三").history("张三", "张三", "昨天的消息", false);
    BridgeFixture bridge = bridge(model, test, "");
    model.incomingAtNextSend("张三", "还有一件事"); // arrives while the bridge is typing in the open chat: no badge
    model.incoming("张三", "张三", "第一件事");

    await(() -> assertEquals(List.of("张三:收到：第一件事", "张三:收到：还有一件事"), sent(model)));
    assertEquals(List.of("第一件事", "还有一件事"), bridge.asked().stream().map(ChatMessage::text).toList());
  }

  @Test
  void chineseTextSurvivesOutputSplitAcrossPackets(TestInfo test) throws Exception {
    WeChatModel model = new WeChatModel().chat("李四");
    BridgeFixture bridge = bridge(model, test, "");
    phone.splitOutput(7); // dumps and shell output arrive in 7-byte pieces: every few characters straddle two
    model.incoming("李四", "李四", "起卦：问事业，谢谢🙏");

    await(() -> assertEquals(List.of("李四:收到：起卦：问事业，谢谢🙏"), sent(model)));
    assertEquals("起卦：问事业，谢谢🙏", bridge.asked().get(0).text());
  }

  @Test
  void typesThroughTheClipboardWhenTheAdbKeyboardIsMissing(TestInfo test) throws Exception {
    WeChatModel model = new WeChatModel().chat("王五").withoutAdbKeyboard();
    bridge(model, test, "");
    model.incoming("王五", "王五", "状态");

    await(() -> assertEquals(List.of("王五:收到：状态"), sent(model)));
    assertEquals(List.of("paste: 收到：状态"), model.typed());
  }

  @Test
  void anUnknownWeChatVersionIsReadByFallbacksAndSaysSo(TestInfo test) throws Exception {
    WeChatModel model = new WeChatModel().chat("赵六").version("8.9.3").obfuscated();
    BridgeFixture bridge = bridge(model, test, "");
    model.incoming("赵六", "赵六", "帮助");

    await(() -> assertEquals(List.of("赵六:收到：帮助"), sent(model)));
    DeviceView view = view(bridge);
    assertEquals("8.9.3", view.wechatVersion());
    assertTrue(view.selectorsFallback());
    assertTrue(view.selectors().startsWith("fallback: no selector set for WeChat 8.9.3"), view.selectors());
    var status =
        StatusProbes.awaitStatus(
            bridge.board, "device-phone-1", s -> "fallback".equals(s.fields().get("selectors")) && s.fields().containsKey("queue"));
    assertEquals("8.9.3", status.fields().get("wechatVersion"));
    assertNotNull(status.fields().get("lastSeen"), "status shows when the phone last answered: " + status.fields());
    assertTrue(status.fields().containsKey("deadLetters"), status.fields().toString());
  }

  @Test
  void aPhoneDroppingRightAfterTheSendTapSendsTheMessageOnce(TestInfo test) throws Exception {
    WeChatModel model = new WeChatModel().chat("张三").dropAfterNextSend();
    BridgeFixture bridge = bridge(model, test, "");
    OutgoingReceipt receipt = send(bridge, new OutgoingRequest("张三", "明天下午三点开会", "meeting-1"));
    assertEquals(OutgoingReceipt.Status.QUEUED, receipt.status());

    await(() -> assertEquals(1, view(bridge).sent()));
    DeviceView view = view(bridge);
    assertTrue(view.totalRestarts() >= 1, "the dropped connection failed the round: " + view);
    assertTrue(view.deadLetters().isEmpty());
    assertEquals(0, view.queueLength());
    // several more rounds (each dumps the chat list at least once): still exactly one message in the chat
    long dumps = model.dumps();
    await(() -> assertTrue(model.dumps() >= dumps + 5));
    assertEquals(List.of("张三:明天下午三点开会"), sent(model));
    assertEquals(OutgoingReceipt.Status.SENT, send(bridge, new OutgoingRequest("张三", "明天下午三点开会", "meeting-1")).status());
  }

  @Test
  void aMessageThatCannotBeDeliveredIsDeadLetteredAfterItsLastAttempt(TestInfo test) throws Exception {
    WeChatModel model = new WeChatModel().chat("张三");
    BridgeFixture bridge = bridge(model, test, "");
    send(bridge, new OutgoingRequest("不存在的人", "你好", "lost-1"));

    await(() -> assertEquals(1, view(bridge).deadLetters().size()));
    DeviceView.DeadLetter dead = view(bridge).deadLetters().get(0);
    assertEquals("lost-1", dead.key());
    assertEquals("不存在的人", dead.chat());
    assertEquals("你好", dead.text());
    assertEquals(3, dead.attempts());
    assertTrue(dead.reason().contains("not on the chat list"), dead.reason());
    StatusBoard.RaiseAlert alert = StatusProbes.awaitAlert(bridge.board);
    assertEquals(Alert.PHONE_DEAD_LETTER, alert.kind());
    assertEquals("device-phone-1", alert.task());
    assertFalse(alert.message().contains("不存在的人") || alert.message().contains("你好"), "names no contact, quotes no text");
    assertEquals(0, view(bridge).queueLength());
    assertEquals(OutgoingReceipt.Status.DEAD_LETTERED, send(bridge, new OutgoingRequest("不存在的人", "你好", "lost-1")).status());
    assertEquals(1.0, bridge.registry.get(BridgeMetricNames.DEAD_LETTERED).counter().count());
    assertTrue(model.sent().isEmpty());
  }

  @Test
  void aChatOpenedByARoundThatFailedIsReadByTheNext(TestInfo test) throws Exception {
    WeChatModel model = new WeChatModel().chat("张三");
    BridgeFixture bridge = bridge(model, test, "");
    model.failDumpsInChat(3, "ERROR: could not get idle state.\n"); // the round dies inside the chat: badge gone
    model.incoming("张三", "张三", "在吗");

    await(() -> assertEquals(List.of("张三:收到：在吗"), sent(model)));
    assertEquals(1, bridge.asked().size());
    assertEquals(
        3.0,
        bridge.registry.get(BridgeMetricNames.DUMP_RETRIES).tag("kind", "not_idle").counter().count(),
        "each failed dump was counted");
  }

  @Test
  void aScreenshotIsTakenInTheRoundsTurn(TestInfo test) throws Exception {
    BridgeFixture bridge = bridge(new WeChatModel().chat("张三"), test, "");
    await(() -> assertEquals(TaskState.RUNNING, view(bridge).state()));
    byte[] png = bridge.directory.screenshot("phone-1").toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
  }

  @Test
  void badRequestsAreRefusedWithTheirReason(TestInfo test) throws Exception {
    BridgeFixture bridge = bridge(new WeChatModel().chat("张三"), test, "nexus.bridge.send.max-text-length = 5\n");
    assertEquals(DeviceRequestRejected.Reason.INVALID, rejection(bridge, "phone-1", new OutgoingRequest("张三", " ", null)));
    assertEquals(DeviceRequestRejected.Reason.INVALID, rejection(bridge, "phone-1", new OutgoingRequest("", "你好", null)));
    assertEquals(DeviceRequestRejected.Reason.INVALID, rejection(bridge, "phone-1", new OutgoingRequest("张三", "一二三四五六", null)));
    assertEquals(DeviceRequestRejected.Reason.UNKNOWN_DEVICE, rejection(bridge, "phone-9", new OutgoingRequest("张三", "你好", null)));
    assertTrue(bridge.directory.device("phone-9").toCompletableFuture().get(5, TimeUnit.SECONDS).isEmpty());
    assertEquals(3.0, bridge.registry.get(BridgeMetricNames.REQUESTS_REJECTED).tag("reason", "invalid").counter().count());
    assertEquals(1, bridge.directory.devices().toCompletableFuture().get(5, TimeUnit.SECONDS).size());
  }

  @Test
  void theBridgesMetricsPassPromtool(TestInfo test) throws Exception {
    WeChatModel model = new WeChatModel().chat("张三");
    BridgeFixture bridge = bridge(model, test, "");
    model.incoming("张三", "张三", "你好");
    await(() -> assertEquals(1, sent(model).size()));
    Promtool.assertValid(bridge.registry.scrape());
  }

  private static List<String> sent(WeChatModel model) {
    return model.sent().stream().map(sent -> sent.chat() + ":" + sent.text()).toList();
  }

  private static DeviceView view(BridgeFixture bridge) {
    try {
      return bridge.view("phone-1");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static OutgoingReceipt send(BridgeFixture bridge, OutgoingRequest request) throws Exception {
    return bridge.directory.send("phone-1", request).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static DeviceRequestRejected.Reason rejection(BridgeFixture bridge, String serial, OutgoingRequest request) {
    ExecutionException failure =
        assertThrows(ExecutionException.class, () -> bridge.directory.send(serial, request).toCompletableFuture().get(5, TimeUnit.SECONDS));
    return assertInstanceOf(DeviceRequestRejected.class, failure.getCause()).reason();
  }
}
