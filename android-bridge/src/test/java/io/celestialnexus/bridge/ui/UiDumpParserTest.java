package io.celestialnexus.bridge.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.bridge.fake.WeChatModel;
import java.nio.charset.StandardCharsets;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;

/** What uiautomator prints, good and bad, as the bridge reads it. */
class UiDumpParserTest {

  private final UiDumpParser parser = new UiDumpParser();

  @Test
  void readsTheHierarchyBeforeUiautomatorsTrailer() throws Exception {
    byte[] raw = new WeChatModel().chat("张三").dump();
    assertTrue(new String(raw, StandardCharsets.UTF_8).endsWith("UI hierchary dumped to: /dev/tty\n"));
    UiDump dump = parser.parse(raw);
    assertEquals(new Bounds(0, 0, 1080, 2400), dump.screen());
    var names = dump.select(XPathFactory.newInstance().newXPath().compile("//node[@resource-id='com.tencent.mm:id/kbq']"));
    assertEquals("张三", names.get(0).text());
  }

  @Test
  void noIdleMomentIsReportedAsSuch() {
    UiDumpException failure = assertThrows(UiDumpException.class, () -> parse("ERROR: could not get idle state.\n"));
    assertEquals(UiDumpException.Kind.NOT_IDLE, failure.kind());
  }

  @Test
  void emptyOutputIsReportedAsEmpty() {
    assertEquals(UiDumpException.Kind.EMPTY, assertThrows(UiDumpException.class, () -> parse("")).kind());
    assertEquals(UiDumpException.Kind.EMPTY, assertThrows(UiDumpException.class, () -> parse(" \n")).kind());
  }

  @Test
  void anythingElseIsMalformedAndQuoted() {
    UiDumpException failure = assertThrows(UiDumpException.class, () -> parse("Killed\nsomething else"));
    assertEquals(UiDumpException.Kind.MALFORMED, failure.kind());
    assertTrue(failure.getMessage().contains("Killed"), failure.getMessage());
  }

  @Test
  void aTruncatedDumpIsMalformed() {
    String whole = new String(new WeChatModel().chat("张三").dump(), StandardCharsets.UTF_8);
    String cut = whole.substring(0, whole.length() / 2);
    assertEquals(UiDumpException.Kind.MALFORMED, assertThrows(UiDumpException.class, () -> parse(cut)).kind());
  }

  @Test
  void externalEntitiesAreRefused() {
    String hostile =
        "<?xml version='1.0'?><!DOCTYPE h [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><hierarchy>&e;</hierarchy>";
    assertEquals(UiDumpException.Kind.MALFORMED, assertThrows(UiDumpException.class, () -> parse(hostile)).kind());
  }

  private UiDump parse(String text) throws UiDumpException {
    return parser.parse(text.getBytes(StandardCharsets.UTF_8));
  }
}
