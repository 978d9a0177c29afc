package io.celestialnexus.engine.chat.desk;

import java.util.function.Function;

/**
 * What a desk (prediction, readings) answers: a value, or why there is none yet. Skills turn
 * {@link Unavailable} into an honest "not available yet" reply instead of inventing an answer.
 */
public sealed interface DeskAnswer<T> {

  /** {@code ready} of the value, or {@code unavailable} of the reason. */
  default <R> R fold(Function<T, R> ready, Function<String, R> unavailable) {
    if (this instanceof Ready<T> answer) {
      return ready.apply(answer.value());
    }
    return unavailable.apply(((Unavailable<T>) this).reason());
  }

  record Ready<T>(T value) implements DeskAnswer<T> {}

  record Unavailable<T>(String reason) implements DeskAnswer<T> {}

  static <T> DeskAnswer<T> ready(T value) {
    return new Ready<>(value);
  }

  static <T> DeskAnswer<T> unavailable(String reason) {
    return new Unavailable<>(reason);
  }
}
