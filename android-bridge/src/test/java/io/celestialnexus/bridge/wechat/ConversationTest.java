package io.celestialnexus.bridge.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Finding where a chat was left on a later screen: by the order of its bubbles. */
class ConversationTest {

  @Test
  void theWholeTailAnywhereMarksThePlace() {
    assertEquals(OptionalInt.of(4), Conversation.after(List.of("a", "b"), List.of("x", "y", "a", "b", "c")));
  }

  @Test
  void theEndOfTheTailAtTheTopMarksThePlaceWhenTheRestScrolledOff() {
    assertEquals(OptionalInt.of(2), Conversation.after(List.of("a", "b", "c", "d"), List.of("c", "d", "e")));
  }

  @Test
  void aShortRunInTheMiddleIsChanceNotThePlace() {
    assertEquals(OptionalInt.empty(), Conversation.after(List.of("a", "ok", "b", "ok"), List.of("x", "ok", "y")));
  }

  @Test
  void theLastOccurrenceOfARepeatedTailCounts() {
    assertEquals(OptionalInt.of(4), Conversation.after(List.of("q", "r"), List.of("q", "r", "q", "r", "q")));
  }

  @Test
  void nothingRememberedFindsNothing() {
    assertEquals(OptionalInt.empty(), Conversation.after(List.of(), List.of("a")));
  }
}
