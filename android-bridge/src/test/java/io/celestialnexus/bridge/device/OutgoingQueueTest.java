package io.celestialnexus.bridge.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.bridge.BridgeSettings;
import io.celestialnexus.engine.device.DeviceRequestRejected;
import io.celestialnexus.engine.device.DeviceView;
import io.celestialnexus.engine.device.OutgoingReceipt;
import io.celestialnexus.engine.device.OutgoingRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutgoingQueueTest {

  private static final Instant NOW = Instant.parse("2025-03-01T08:00:00Z");

  private static OutgoingQueue queue(int maxAttempts, int maxQueue, int deadLetters) {
    return new OutgoingQueue("phone-1", new BridgeSettings.Send(maxAttempts, 4, maxQueue, 5), deadLetters, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static OutgoingQueue.Accepted accepted(Object outcome) {
    return assertInstanceOf(OutgoingQueue.Accepted.class, outcome);
  }

  private static DeviceRequestRejected.Reason refusal(OutgoingQueue.RequestOutcome outcome) {
    return assertInstanceOf(OutgoingQueue.Refused.class, outcome).reason();
  }

  private static String sendNext(OutgoingQueue queue) {
    String key = queue.next().orElseThrow().key();
    queue.sent(key);
    return key;
  }

  @Test
  void theSameKeyTwiceIsOneMessageAndAnswersWhereItStands() {
    var queue = queue(3, 10, 10);
    assertEquals(new OutgoingQueue.Accepted("k1", OutgoingReceipt.Status.QUEUED, true), queue.request(new OutgoingRequest(" 张三 ", "你好", " k1 ")));
    assertEquals(new OutgoingQueue.Accepted("k1", OutgoingReceipt.Status.QUEUED, false), queue.request(new OutgoingRequest("张三", "你好", "k1")));
    assertEquals(1, queue.length());

    assertEquals(new DeviceLink.SendWork("k1", "张三", "你好", 1, null), queue.next().orElseThrow());
    assertEquals(Optional.of("张三"), queue.sent("k1"));
    assertEquals(new OutgoingQueue.Accepted("k1", OutgoingReceipt.Status.SENT, false), queue.request(new OutgoingRequest("张三", "你好", "k1")));
    assertEquals(0, queue.length());
    assertEquals(1, queue.sentCount());
  }

  @Test
  void theChatOpenOnThePhoneGetsItsOldestMessageEvenBehindOtherChats() {
    var queue = queue(3, 10, 10);
    accepted(queue.request(new OutgoingRequest("李四", "先来", "b1")));
    accepted(queue.reply("a1", "张三", "第一"));
    accepted(queue.reply("a2", "张三", "第二"));

    assertEquals(Optional.empty(), queue.nextFor("王五"), "nothing waits for that chat");
    assertEquals(new DeviceLink.SendWork("a1", "张三", "第一", 1, null), queue.nextFor("张三").orElseThrow());
    assertTrue(queue.sending());
    assertEquals(Optional.empty(), queue.nextFor("张三"), "one at a time");
    assertEquals(Optional.empty(), queue.next());
    queue.sent("a1");
    assertEquals("a2", queue.nextFor("张三").orElseThrow().key(), "within a chat, the order queued");
    queue.failed("a2", "no bubble");
    assertEquals("b1", queue.next().orElseThrow().key(), "from the list, the oldest of all again");
    queue.sent("b1");
    assertEquals(new DeviceLink.SendWork("a2", "张三", "第二", 2, null), queue.nextFor("张三").orElseThrow());
  }

  @Test
  void aRequestWithoutAKeyGetsAFreshOne() {
    var queue = queue(3, 10, 10);
    String first = accepted(queue.request(new OutgoingRequest("张三", "你好", null))).key();
    String second = accepted(queue.request(new OutgoingRequest("张三", "你好", " "))).key();
    assertNotEquals(first, second);
    assertEquals(2, queue.length());
  }

  @Test
  void invalidRequestsAreRefusedSayingWhy() {
    var queue = queue(3, 10, 10);
    assertEquals(DeviceRequestRejected.Reason.INVALID, refusal(queue.request(new OutgoingRequest(" ", "你好", null))));
    assertEquals(DeviceRequestRejected.Reason.INVALID, refusal(queue.request(new OutgoingRequest("张三", "", null))));
    var tooLong = assertInstanceOf(OutgoingQueue.Refused.class, queue.request(new OutgoingRequest("张三", "一二三四五六", null)));
    assertEquals("text has 6 characters; at most 5 are sent (nexus.bridge.send.max-text-length)", tooLong.detail());
    accepted(queue.request(new OutgoingRequest("张三", "一二三四😀", null))); // an emoji is one character
    assertEquals(1, queue.length());
  }

  @Test
  void aFullQueueRefusesARequestAndDeadLettersAReply() {
    var queue = queue(3, 2, 10);
    accepted(queue.request(new OutgoingRequest("张三", "一", "a")));
    accepted(queue.reply("reply:1", "李四", "二"));
    var full = assertInstanceOf(OutgoingQueue.Refused.class, queue.request(new OutgoingRequest("张三", "三", "c")));
    assertEquals(DeviceRequestRejected.Reason.QUEUE_FULL, full.reason());
    assertTrue(full.detail().startsWith("phone-1 has 2 messages waiting"), full.detail());

    var dead = assertInstanceOf(OutgoingQueue.DeadLettered.class, queue.reply("reply:2", "王五", "四"));
    assertEquals(new DeviceView.DeadLetter("reply:2", "王五", "四", 0, "queue full (2 waiting)", NOW), dead.letter());
    assertEquals(OutgoingReceipt.Status.DEAD_LETTERED, accepted(queue.reply("reply:2", "王五", "四")).status());
    assertEquals(2, queue.length());
  }

  @Test
  void aReplayedDeadLetterIsQueuedAgainUnderItsKeyWithFreshAttempts() {
    var queue = queue(1, 10, 10);
    accepted(queue.request(new OutgoingRequest("张三", "你好", "k1")));
    queue.next();
    assertTrue(queue.failed("k1", "chat '张三' is not on the chat list").orElseThrow().gaveUp());
    queue.unanswered("reply:2", "李四", "the engine did not answer");

    assertEquals(new OutgoingQueue.Accepted("k1", OutgoingReceipt.Status.QUEUED, true), queue.replay("k1"));
    assertEquals(List.of("reply:2"), queue.deadLetters().stream().map(DeviceView.DeadLetter::key).toList());
    assertEquals(new DeviceLink.SendWork("k1", "张三", "你好", 1, null), queue.next().orElseThrow(), "its attempts start over");
    assertEquals(Optional.of("张三"), queue.sent("k1"));

    assertEquals(DeviceRequestRejected.Reason.UNKNOWN_MESSAGE, refusal(queue.replay("k1")), "it is no longer a dead letter");
    var nothingToSend = assertInstanceOf(OutgoingQueue.Refused.class, queue.replay("reply:2"));
    assertEquals(DeviceRequestRejected.Reason.INVALID, nothingToSend.reason());
    assertTrue(nothingToSend.detail().contains("the engine did not answer"), nothingToSend.detail());
  }

  @Test
  void messagesGoOneAtATimeOldestFirst() {
    var queue = queue(3, 10, 10);
    queue.request(new OutgoingRequest("张三", "一", "a"));
    queue.reply("b", "李四", "二");
    assertEquals(List.of("a", "b"), queue.waitingKeys());
    assertEquals("a", queue.next().orElseThrow().key());
    assertTrue(queue.sending());
    assertEquals(Optional.empty(), queue.next(), "nothing more while one is in flight");
    queue.sent("a");
    assertFalse(queue.sending());
    assertEquals("b", queue.next().orElseThrow().key());
  }

  @Test
  void aFailedMessageIsRetriedThenDeadLetteredAfterItsLastAttempt() {
    var queue = queue(3, 10, 10);
    queue.request(new OutgoingRequest("不存在的人", "你好", "lost-1"));
    for (int attempt = 1; attempt <= 2; attempt++) {
      assertEquals(attempt, queue.next().orElseThrow().attempt());
      assertEquals(Optional.of(new OutgoingQueue.AttemptFailed("lost-1", attempt, null)), queue.failed("lost-1", "not on the chat list"));
    }
    assertEquals(3, queue.next().orElseThrow().attempt());
    var dead = new DeviceView.DeadLetter("lost-1", "不存在的人", "你好", 3, "not on the chat list", NOW);
    assertEquals(Optional.of(new OutgoingQueue.AttemptFailed("lost-1", 3, dead)), queue.failed("lost-1", "not on the chat list"));

    assertEquals(List.of(dead), queue.deadLetters());
    assertEquals(0, queue.length());
    assertEquals(Optional.empty(), queue.next());
    assertEquals(OutgoingReceipt.Status.DEAD_LETTERED, accepted(queue.request(new OutgoingRequest("不存在的人", "你好", "lost-1"))).status());
  }

  @Test
  void aRetryCarriesTheTailTheFirstAttemptSawBeforeTyping() {
    var queue = queue(3, 10, 10);
    queue.request(new OutgoingRequest("张三", "你好", "k"));
    queue.next();
    queue.armed("k", List.of("早", "在吗"));
    queue.failed("k", "text not typed");
    DeviceLink.SendWork retry = queue.next().orElseThrow();
    assertEquals(List.of("早", "在吗"), retry.before());
    queue.armed("k", List.of("在吗", "你好")); // the retry's own look must not replace it
    queue.failed("k", "text not typed");
    assertEquals(List.of("早", "在吗"), queue.next().orElseThrow().before());
  }

  @Test
  void aRoundThatDiesMidSendInterruptsTheMessageWithoutSpendingOneOfItsAttempts() {
    var queue = queue(1, 10, 10);
    assertEquals(Optional.empty(), queue.roundFailed("connection reset"), "nothing in flight, nothing lost");
    queue.request(new OutgoingRequest("张三", "你好", "k"));
    queue.next();
    // with a single attempt allowed: the drop may have come right after the send tap, so it is not given up
    assertEquals(Optional.of(new OutgoingQueue.AttemptFailed("k", 1, null)), queue.roundFailed("connection reset"));
    assertFalse(queue.sending());
    assertEquals(2, queue.next().orElseThrow().attempt());
    var dead = new DeviceView.DeadLetter("k", "张三", "你好", 2, "chat gone", NOW);
    assertEquals(Optional.of(new OutgoingQueue.AttemptFailed("k", 2, dead)), queue.failed("k", "chat gone"), "a failure on the screen counts");
  }

  @Test
  void aMessageInterruptedAgainAndAgainIsDeadLetteredAfterMaxInterruptions() {
    var queue = queue(3, 10, 10); // max-interruptions 4
    queue.request(new OutgoingRequest("张三", "你好", "k"));
    for (int i = 1; i < 4; i++) {
      queue.next();
      assertFalse(queue.roundFailed("connection reset " + i).orElseThrow().gaveUp());
    }
    queue.next();
    DeviceView.DeadLetter dead = queue.roundFailed("connection reset 4").orElseThrow().deadLetter();
    assertEquals(4, dead.attempts());
    assertEquals("interrupted 4 times by the phone (nexus.bridge.send.max-interruptions); the last: connection reset 4", dead.reason());
    assertEquals(0, queue.length());
  }

  @Test
  void theQueueShowsEachMessageWithHowFarItGot() {
    var clock = new java.util.concurrent.atomic.AtomicReference<>(NOW);
    var queue =
        new OutgoingQueue("phone-1", new BridgeSettings.Send(3, 4, 10, 100), 10, new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return clock.get();
          }
        });
    queue.request(new OutgoingRequest("张三", "一二三四五六七八九十一二三四五六七八九十二十一", "long"));
    clock.set(NOW.plusSeconds(30));
    queue.request(new OutgoingRequest("李四", "你好", "short"));
    queue.next();
    queue.roundFailed("connection reset");
    queue.next();
    clock.set(NOW.plusSeconds(90));
    assertEquals(
        List.of(
            new DeviceView.Queued("long", "张三", "一二三四五六七八九十一二三四五六七八九十…", 23, 2, 1, true, NOW, 90, "connection reset"),
            new DeviceView.Queued("short", "李四", "你好", 2, 0, 0, false, NOW.plusSeconds(30), 60, null)),
        queue.queued());
  }

  @Test
  void anUnansweredMessageIsADeadLetterWithNothingToSend() {
    var queue = queue(3, 10, 10);
    DeviceView.DeadLetter letter = queue.unanswered("reply:m1", "张三", "no reply to '在吗': timed out");
    assertEquals(new DeviceView.DeadLetter("reply:m1", "张三", "", 0, "no reply to '在吗': timed out", NOW), letter);
    assertEquals(OutgoingReceipt.Status.DEAD_LETTERED, accepted(queue.reply("reply:m1", "张三", "迟到的回答")).status());
    assertEquals(0, queue.length());
  }

  @Test
  void deadLettersAreKeptNewestFirstUpToTheirLimit() {
    var queue = queue(3, 10, 2);
    queue.unanswered("a", "张三", "1");
    queue.unanswered("b", "张三", "2");
    queue.unanswered("c", "张三", "3");
    assertEquals(List.of("c", "b"), queue.deadLetters().stream().map(DeviceView.DeadLetter::key).toList());
    assertEquals(2, queue.deadLetterCount());
    assertTrue(queue(3, 10, 0).deadLetters().isEmpty());
  }

  @Test
  void theOldestFinishedKeyIsForgottenFirst() {
    var queue = queue(3, 10, 10);
    for (int i = 0; i <= OutgoingQueue.FINISHED_KEYS; i++) {
      queue.request(new OutgoingRequest("张三", "你好", "k" + i));
      sendNext(queue);
    }
    assertEquals(OutgoingReceipt.Status.SENT, accepted(queue.request(new OutgoingRequest("张三", "你好", "k1"))).status());
    OutgoingQueue.Accepted again = accepted(queue.request(new OutgoingRequest("张三", "你好", "k0")));
    assertTrue(again.added(), "k0 finished longest ago and is forgotten: " + again);
  }
}
