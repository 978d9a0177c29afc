package io.celestialnexus.engine.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplyTextTest {

  @Test
  void shortTextIsUntouched() {
    assertEquals("双色球", ReplyText.fit("双色球", 9));
  }

  @Test
  void longTextIsCutOnACharacterBoundaryWithinTheByteLimit() {
    String text = "红".repeat(1000) + "😀".repeat(10);
    String fitted = ReplyText.fit(text, 2048);
    assertTrue(fitted.getBytes(StandardCharsets.UTF_8).length <= 2048);
    assertTrue(fitted.endsWith("…"));
    assertEquals(text.substring(0, fitted.length() - 1), fitted.substring(0, fitted.length() - 1));
  }

  @Test
  void textWithinTheCharacterLimitIsUntouched() {
    assertEquals("红😀", ReplyText.fitCodePoints("红😀", 2));
  }

  @Test
  void longTextIsCutToTheCharacterLimitCountingAnEmojiAsOne() {
    assertEquals("红😀…", ReplyText.fitCodePoints("红😀蓝😀", 3));
    assertEquals("…", ReplyText.fitCodePoints("红蓝", 1));
  }
}
