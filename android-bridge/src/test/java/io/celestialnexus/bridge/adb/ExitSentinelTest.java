package io.celestialnexus.bridge.adb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading the exit status the legacy shell and exec: do not carry. */
class ExitSentinelTest {

  private final ExitSentinel sentinel = ExitSentinel.next();

  @Test
  void wrapsTheCommandWithAnEchoOfItsStatus() {
    String wrapped = sentinel.wrap("input tap 1 2");
    assertTrue(wrapped.matches("input tap 1 2; echo nexus-exit-[0-9a-f]{8}:\\$\\?"), wrapped);
  }

  @Test
  void splitsOutputAndStatusAlsoAfterOutputWithoutANewlineAndFromAPty() throws Exception {
    ExitSentinel.Parsed parsed = sentinel.parse(bytes("abc" + tag() + "1\r\n"), "cmd");
    assertArrayEquals(bytes("abc"), parsed.output());
    assertEquals(1, parsed.exitCode());
    assertEquals(0, sentinel.parse(bytes("line\n" + tag() + "0\n"), "cmd").exitCode());
  }

  @Test
  void aStreamThatEndsEarlyIsALostConnection() {
    assertThrows(ConnectionLostException.class, () -> sentinel.parse(bytes(""), "cmd"));
    assertThrows(ConnectionLostException.class, () -> sentinel.parse(bytes("half a dump"), "cmd"));
    assertThrows(ConnectionLostException.class, () -> sentinel.parse(bytes("x" + tag()), "cmd"));
    assertThrows(ConnectionLostException.class, () -> sentinel.parse(bytes("x" + tag() + "12"), "cmd"));
  }

  @Test
  void anotherCommandsTagDoesNotCount() {
    String foreign = ExitSentinel.next().wrap("").replace("; echo ", "").replace("$?", "0\n");
    assertThrows(ConnectionLostException.class, () -> sentinel.parse(bytes(foreign), "cmd"));
  }

  private String tag() {
    return sentinel.wrap("").replace("; echo ", "").replace("$?", "");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
