package io.celestialnexus.bridge.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.chat.ChatReply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class PhoneReplyTest {

  @Test
  void textIsSentAsIsWithinTheLimit() {
    assertEquals(Optional.of("收到：在吗"), PhoneReply.text(ChatReply.text("收到：在吗"), 2000));
  }

  @Test
  void longTextIsCutToTheLimitInCharacters() {
    assertEquals(Optional.of("一二三四…"), PhoneReply.text(ChatReply.text("一二三四五六"), 5));
  }

  @Test
  void newsArticlesBecomeTitleDescriptionAndLinkSeparatedByABlankLine() {
    var news =
        new ChatReply.News(
            List.of(
                new ChatReply.Article("本期预测", "红球 03 07 12", "https://img.example/p.png", "https://example.org/p/1"),
                new ChatReply.Article("说明", "怎么读", null, "https://example.org/about")));
    assertEquals(
        Optional.of("本期预测\n红球 03 07 12\nhttps://example.org/p/1\n\n说明\n怎么读\nhttps://example.org/about"), PhoneReply.text(news, 2000));
  }

  @Test
  void newsIsCutLikeTextAsAWhole() {
    var news = new ChatReply.News(List.of(new ChatReply.Article("一二三", "四五六", null, null)));
    assertEquals(Optional.of("一二三\n…"), PhoneReply.text(news, 5));
  }

  @Test
  void silenceSendsNothing() {
    assertEquals(Optional.empty(), PhoneReply.text(ChatReply.Silent.INSTANCE, 2000));
  }

  @Test
  void aRouterThatThrowsOrNeverAnswersFailsTheAskAndOnlyTheAsk() {
    var message = ChatMessage.text(ChatMessage.Channel.PHONE, "张三", "在吗", "k", Instant.EPOCH);
    var thrown = PhoneReply.ask(m -> { throw new IllegalStateException("no skills"); }, message, Duration.ofSeconds(5));
    assertInstanceOf(IllegalStateException.class, assertThrows(ExecutionException.class, thrown::get).getCause());

    var never = new CompletableFuture<ChatReply>();
    var late = PhoneReply.ask(m -> never, message, Duration.ofMillis(1));
    assertInstanceOf(TimeoutException.class, assertThrows(ExecutionException.class, late::get).getCause());
    assertFalse(never.isDone(), "the router's own future is left alone");
  }
}
