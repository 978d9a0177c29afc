package io.celestialnexus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Values from requests become one log line whatever they hold. */
class LogSafeTest {

  @Test
  void aPlainValueIsLeftAsItIs() {
    String value = "timestamp must be seconds, was 'abc' 中文";
    assertSame(value, LogSafe.of(value));
  }

  @Test
  void lineBreaksAndOtherControlCharactersAreEscaped() {
    assertEquals("a\\nb\\rc\\td\\u001b[2Je\\u2028f\\u0085g\\u007f", LogSafe.of("a\nb\rc\td\u001b[2Je\u2028f\u0085g\u007f"));
  }

  @Test
  void controlCharactersAreFoundButABackslashIsNotOne() {
    assertTrue(LogSafe.hasControlCharacters("o_x\n"));
    assertTrue(LogSafe.hasControlCharacters("o\u2028"));
    assertEquals(false, LogSafe.hasControlCharacters("oABC-_\\中文"));
  }

  @Test
  void aBackslashIsDoubledSoAnEscapeCannotBeFaked() {
    assertEquals("\\\\n is not a newline", LogSafe.of("\\n is not a newline"));
  }

  @Test
  void aLongValueIsCutAndSaysHowMuchWasLeftOut() {
    String logged = LogSafe.of("x".repeat(LogSafe.MAX_CHARS + 100));
    assertTrue(logged.startsWith("x".repeat(LogSafe.MAX_CHARS) + "...(100 more chars)"), logged);
  }

  @Test
  void nullAndObjectsAreWrittenByTheirStringForm() {
    assertEquals("null", LogSafe.of(null));
    assertEquals("java.io.IOException: bad\\nline", LogSafe.of(new java.io.IOException("bad\nline")));
  }
}
