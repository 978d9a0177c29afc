package io.celestialnexus.bridge.device;

import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.chat.ReplyText;
import io.celestialnexus.engine.chat.SkillRouter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The phone's side of a skill's reply: asked for with a deadline, sent as plain text of at most {@code max-text-length} characters. */
final class PhoneReply {

  private PhoneReply() {}

  /** The router's reply to {@code message}, failed if it throws or does not answer within {@code timeout}. */
  static CompletableFuture<ChatReply> ask(SkillRouter router, ChatMessage message, Duration timeout) {
    CompletionStage<ChatReply> reply;
    try {
      reply = router.reply(message);
    } catch (RuntimeException e) {
      reply = CompletableFuture.failedFuture(e);
    }
    // a copy, so the timeout never completes the router's own future
    return reply.toCompletableFuture().copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * The text to type, cut to {@code maxCharacters} code points; news articles become their titles, descriptions and
   * links (a chat shows no cards). Empty when the skills chose to say nothing.
   */
  static Optional<String> text(ChatReply reply, int maxCharacters) {
    if (reply instanceof ChatReply.Text text) {
      return Optional.of(ReplyText.fitCodePoints(text.content(), maxCharacters));
    }
    if (reply instanceof ChatReply.News news) {
      String articles =
          news.articles().stream()
              .map(article -> String.join("\n", nonNull(article.title()), nonNull(article.description()), nonNull(article.url())).strip())
              .collect(Collectors.joining("\n\n"));
      return Optional.of(ReplyText.fitCodePoints(articles, maxCharacters));
    }
    return Optional.empty();
  }

  private static String nonNull(String text) {
    return text == null ? "" : text;
  }
}
