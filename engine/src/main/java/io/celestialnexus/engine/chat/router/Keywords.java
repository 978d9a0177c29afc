package io.celestialnexus.engine.chat.router;

import io.celestialnexus.engine.chat.ChatMessage;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The words that start a text command ("八字 1990-05-17 08:30" is 八字 with an argument). A command matches
 * when the message's text, trimmed, starts with one of the words; what follows is the argument.
 */
public record Keywords(List<String> words) {

  public Keywords {
    words = List.copyOf(words);
  }

  public static Keywords of(String... words) {
    return new Keywords(List.of(words));
  }

  /** The argument after the keyword (possibly empty) when {@code message} is a text command of these words. */
  public Optional<String> argument(ChatMessage message) {
    if (message.kind() != ChatMessage.Kind.TEXT) {
      return Optional.empty();
    }
    String text = message.text().strip();
    String folded = text.toLowerCase(Locale.ROOT);
    for (String word : words) {
      if (folded.startsWith(word.toLowerCase(Locale.ROOT))) {
        return Optional.of(text.substring(word.length()).strip());
      }
    }
    return Optional.empty();
  }

  public boolean matches(ChatMessage message) {
    return argument(message).isPresent();
  }

  /** "预测 / 双色球" for the menu. */
  public String display() {
    return String.join(" / ", words);
  }
}
