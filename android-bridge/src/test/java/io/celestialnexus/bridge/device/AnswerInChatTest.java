package io.celestialnexus.bridge.device;

import static io.celestialnexus.bridge.device.BridgeFixture.direct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.bridge.fake.FakeAdbd;
import io.celestialnexus.bridge.fake.WeChatModel;
import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.device.DeviceView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 * A reply is typed in the chat the round just read ({@code poll.answer-wait}), not after a trip back to the chat list
 * and into the chat again; an answer later than the wait goes out from the chat list on a later round, once. Against
 * a fake phone reached directly: the model counts how often each chat was opened by a tap on its row.
 */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnswerInChatTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @JUnit5TestKit public ActorTestKit testKit = ActorTestKit.create();

  private Path classDir;
  private FakeAdbd phone;
  private BridgeFixture bridge;

  @BeforeAll
  void directories() throws Exception {
    classDir = Files.createTempDirectory("bridge-answer-in-chat");
  }

  @AfterEach
  void stopBridgeAndPhone() {
    if (bridge != null) {
      testKit.stop(bridge.manager);
      bridge = null;
    }
    if (phone != null) {
      phone.close();
      phone = null;
    }
  }

  @Test
  void theReplyIsTypedInTheChatJustReadWithoutGoingBackToTheList(TestInfo test) throws Exception {
    WeChatModel model = new WeChatModel().chat("张三").history("张三", "张三", "周末见", false);
    start(model, test, "", new BridgeFixture.RecordingRouter());
    model.incoming("张三", "张三", "今天运势如何？");

    WeChatModel.Sent reply = model.awaitSend(PATIENCE);
    assertEquals(new WeChatModel.Sent("张三", "收到：今天运势如何？", reply.tapNanos()), reply);
    assertEquals(1, model.opens("张三"), "read and answered in one visit (from the list it would be opened twice)");
    assertEquals(List.of("adb-keyboard: 收到：今天运势如何？"), model.typed());
    await(() -> assertNull(model.openChat(), "back on the chat list after answering"));
    noMoreSendsAfterSomeRounds(model);
    assertEquals(1, model.opens("张三"));
  }

  @Test
  void everyMessageReadAtOnceIsAnsweredInTheSameVisitInOrder(TestInfo test) throws Exception {
    WeChatModel model = new WeChatModel().chat("张三").history("张三", "张三", "周末见", false);
    model.incoming("张三", "张三", "第一问");
    model.incoming("张三", "张三", "第二问");
    start(model, test, "", new BridgeFixture.RecordingRouter());

    await(() -> assertEquals(List.of("张三:收到：第一问", "张三:收到：第二问"), sent(model)));
    assertEquals(1, model.opens("张三"), "both replies typed in the one visit that read them");
    noMoreSendsAfterSomeRounds(model);
  }

  @Test
  void anAnswerLaterThanTheWaitIsSentFromTheListOnALaterRoundExactlyOnce(TestInfo test) throws Exception {
    WeChatModel model = new WeChatModel().chat("张三").history("张三", "张三", "周末见", false);
    var slowSkill = new CompletableFuture<Void>();
    start(model, test, "nexus.bridge.poll.answer-wait = 200ms\n", new BridgeFixture.RecordingRouter(slowSkill));
    model.incoming("张三", "张三", "慢慢想");

    await(() -> assertEquals(1, bridge.asked().size()));
    long dumps = model.dumps();
    // the round gave up waiting in the chat, went back to the list and went on polling
    await(() -> assertTrue(model.openChat() == null && model.dumps() >= dumps + 4, "rounds on the list"));
    assertEquals(List.of(), sent(model), "no answer yet, nothing sent");
    assertEquals(1, model.opens("张三"));

    slowSkill.complete(null);
    await(() -> assertEquals(List.of("张三:收到：慢慢想"), sent(model)));
    assertEquals(2, model.opens("张三"), "opened again from the list to send the late answer");
    noMoreSendsAfterSomeRounds(model);
    assertEquals(List.of("慢慢想"), bridge.asked().stream().map(ChatMessage::text).toList());
    DeviceView view = bridge.view("phone-1");
    assertEquals(1, view.sent());
    assertEquals(0, view.queueLength());
    assertTrue(view.deadLetters().isEmpty(), "nothing dead-lettered: " + view.deadLetters());
  }

  @Test
  void withoutAnAnswerWaitTheReplyGoesThroughTheChatList(TestInfo test) throws Exception {
    WeChatModel model = new WeChatModel().chat("张三").history("张三", "张三", "周末见", false);
    start(model, test, "nexus.bridge.poll.answer-wait = 0s\n", new BridgeFixture.RecordingRouter());
    model.incoming("张三", "张三", "今天运势如何？");

    await(() -> assertEquals(List.of("张三:收到：今天运势如何？"), sent(model)));
    assertEquals(2, model.opens("张三"), "read, back to the list, opened again to send");
  }

  private void start(WeChatModel model, TestInfo test, String overrides, BridgeFixture.RecordingRouter router) throws Exception {
    phone = FakeAdbd.start(model);
    Path root = Files.createDirectories(classDir.resolve(test.getTestMethod().orElseThrow().getName()));
    bridge = new BridgeFixture(testKit, root, "[" + direct("phone-1", phone.port()) + "]", overrides, router);
  }

  /** Several more rounds pass (the phone's screen read again and again) and nothing more leaves the phone. */
  private void noMoreSendsAfterSomeRounds(WeChatModel model) throws Exception {
    int sent = model.sent().size();
    long dumps = model.dumps();
    await(() -> assertTrue(model.dumps() >= dumps + 8, "more rounds"));
    assertEquals(sent, model.sent().size(), "sent again: " + model.sent());
  }

  private static List<String> sent(WeChatModel model) {
    return model.sent().stream().map(sent -> sent.chat() + ":" + sent.text()).toList();
  }

  private void await(Runnable assertion) {
    TestProbe<Object> probe = testKit.createTestProbe();
    probe.awaitAssert(PATIENCE, () -> {
      assertion.run();
      return null;
    });
  }
}
