package io.celestialnexus.bridge.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.bridge.ui.Bounds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whether a message went out is told by the chat's tail before typing, not by counting identical bubbles. */
class WeChatPhoneTest {

  private static Bubble them(String text) {
    return new Bubble("张三", text, false, "10:50", Bounds.NONE);
  }

  private static Bubble us(String text) {
    return new Bubble("我", text, true, "10:50", Bounds.NONE);
  }

  @Test
  void aNewBubbleAfterTheTailIsOurs() {
    List<String> tail = WeChatPhone.tail(List.of(them("在吗"), us("收到"), them("再问一个")));
    assertFalse(WeChatPhone.sentSince(tail, List.of(them("在吗"), us("收到"), them("再问一个")), "收到"));
    assertTrue(WeChatPhone.sentSince(tail, List.of(them("在吗"), us("收到"), them("再问一个"), us("收到")), "收到"));
    assertTrue(WeChatPhone.sentSince(tail, List.of(us("收到"), them("再问一个"), them("又来一条"), us("收到")), "收到"));
  }

  @Test
  void onAFullScreenTheOldIdenticalBubbleScrollingOffIsNoConfusion() {
    var before = new ArrayList<Bubble>();
    for (int i = 0; i < 6; i++) {
      before.add(them("第" + i + "条"));
      before.add(us("收到"));
    }
    List<String> tail = WeChatPhone.tail(before);
    var after = new ArrayList<>(before.subList(2, before.size())); // the top two scrolled off
    after.add(them("第6条"));
    assertFalse(WeChatPhone.sentSince(tail, after, "收到"), "the same number of our '收到' bubbles, none new");
    after.add(us("收到"));
    assertTrue(WeChatPhone.sentSince(tail, after, "收到"));
  }

  @Test
  void whenTheTailScrolledAwayAnyBubbleOfOursWithTheTextCounts() {
    List<String> tail = WeChatPhone.tail(List.of(them("很久以前")));
    assertTrue(WeChatPhone.sentSince(tail, List.of(them("新消息"), us("收到")), "收到"));
    assertFalse(WeChatPhone.sentSince(tail, List.of(them("新消息")), "收到"));
  }

  @Test
  void aBubbleCutByTheTopEdgeStillMatchesTheTailSoTheSendIsConfirmed() {
    List<String> tail = WeChatPhone.tail(List.of(them("帮助"), us("用法"), them("天气")));
    // after a long reply, the first bubble is cut: no avatar, no sender; its side and text are unchanged
    var cut = new Bubble("", "帮助", false, "", Bounds.NONE, true);
    assertTrue(WeChatPhone.sentSince(tail, List.of(cut, us("用法"), them("天气"), us("用法")), "用法"));
    assertFalse(WeChatPhone.sentSince(tail, List.of(cut, us("用法"), them("天气")), "用法"), "the old '用法' is before the tail's end");
  }

  @Test
  void textIsQuotedForThePhonesShell() {
    assertEquals("'it'\\''s 好'", WeChatPhone.quote("it's 好"));
  }
}
