package io.celestialnexus.engine.chat;

import java.util.List;

/** What a skill answers: text, a news card list (Official Account only), or nothing to say. */
public sealed interface ChatReply {

  /** Plain text; edges cut it to their channel's length limit. */
  record Text(String content) implements ChatReply {}

  /** WeChat news articles (title, description, picture URL, link). */
  record News(List<Article> articles) implements ChatReply {
    public News {
      articles = List.copyOf(articles);
    }
  }

  record Article(String title, String description, String pictureUrl, String url) {}

  /** Nothing to say: the Official Account answers "success", the phone sends nothing. */
  enum Silent implements ChatReply {
    INSTANCE
  }

  static ChatReply text(String content) {
    return new Text(content);
  }
}
