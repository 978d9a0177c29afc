package io.celestialnexus.bridge.device;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChatMemoryTest {

  @Test
  void aPreviewShowingTheLastTextOrItsCutStartIsExplained() {
    var memory = new ChatMemory("明天下午三点在会议室开会", "在吗");
    assertTrue(memory.explains("在吗"));
    assertTrue(memory.explains("[2条] 明天下午三点在会议室开会"));
    assertTrue(memory.explains("明天下午三点…"));
  }

  @Test
  void aPreviewShowingSomethingElseChangedWhileNobodyLooked() {
    assertFalse(new ChatMemory("明天见", "在吗").explains("还有一件事"));
    assertFalse(new ChatMemory(null, null).explains("在吗"));
  }

  @Test
  void keepsOnlyTheLastBubblesOfTheScreen() {
    var screen = java.util.stream.IntStream.rangeClosed(1, 12).mapToObj(i -> "in\u0000" + i).toList();
    var memory = new ChatMemory("12", null, screen);
    org.junit.jupiter.api.Assertions.assertEquals(screen.subList(12 - ChatMemory.TAIL, 12), memory.tail());
  }
}
