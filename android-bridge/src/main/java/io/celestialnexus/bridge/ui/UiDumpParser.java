package io.celestialnexus.bridge.ui;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * Parses what {@code uiautomator dump /dev/tty} prints: the XML hierarchy followed by
 * "UI hierchary dumped to: /dev/tty" (sic, AOSP's spelling), or an error line instead. Only the bytes from
 * {@code <?xml} (or {@code <hierarchy}) to the last {@code </hierarchy>} are parsed, as UTF-8, with DTDs and
 * external entities refused: the XML comes from a device, not from us.
 *
 * <p>Not thread-safe (one DOM builder, reused); each device session has its own.
 */
public final class UiDumpParser {

  private static final byte[] XML_DECLARATION = "<?xml".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HIERARCHY = "<hierarchy".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "</hierarchy>".getBytes(StandardCharsets.US_ASCII);

  private final DocumentBuilder builder;

  public UiDumpParser() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setExpandEntityReferences(false);
      factory.setNamespaceAware(false);
      this.builder = factory.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a standard feature", e);
    }
  }

  public UiDump parse(byte[] raw) throws UiDumpException {
    // the markers are ASCII, so they are found in the UTF-8 bytes without decoding the whole dump
    int start = indexOf(raw, XML_DECLARATION, 0);
    if (start < 0) {
      start = indexOf(raw, HIERARCHY, 0);
    }
    int end = lastIndexOf(raw, END);
    if (start < 0 || end < start) {
      throw failure(new String(raw, StandardCharsets.UTF_8));
    }
    try {
      builder.reset();
      Document document = builder.parse(new ByteArrayInputStream(raw, start, end + END.length - start));
      Element root = document.getDocumentElement();
      if (!"hierarchy".equals(root.getTagName())) {
        throw new UiDumpException(UiDumpException.Kind.MALFORMED, "root element is <" + root.getTagName() + ">, not <hierarchy>");
      }
      Element first = firstNode(root);
      return new UiDump(document, first == null ? Bounds.NONE : Bounds.parse(first.getAttribute("bounds")));
    } catch (SAXException | IOException e) {
      throw new UiDumpException(UiDumpException.Kind.MALFORMED, "not a window hierarchy: " + e.getMessage(), e);
    }
  }

  private static int indexOf(byte[] bytes, byte[] marker, int from) {
    outer:
    for (int i = from; i <= bytes.length - marker.length; i++) {
      for (int j = 0; j < marker.length; j++) {
        if (bytes[i + j] != marker[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static int lastIndexOf(byte[] bytes, byte[] marker) {
    outer:
    for (int i = bytes.length - marker.length; i >= 0; i--) {
      for (int j = 0; j < marker.length; j++) {
        if (bytes[i + j] != marker[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static UiDumpException failure(String text) {
    String output = text.strip();
    if (output.isEmpty()) {
      return new UiDumpException(UiDumpException.Kind.EMPTY, "uiautomator dump printed nothing");
    }
    String line = output.lines().findFirst().orElse(output);
    if (output.contains("could not get idle state") || output.contains("null root node")) {
      return new UiDumpException(UiDumpException.Kind.NOT_IDLE, "uiautomator: " + line);
    }
    return new UiDumpException(UiDumpException.Kind.MALFORMED, "uiautomator printed no hierarchy: " + abbreviate(line));
  }

  private static Element firstNode(Element root) {
    for (var child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element) {
        return element;
      }
    }
    return null;
  }

  private static String abbreviate(String line) {
    return line.length() <= 120 ? line : line.substring(0, 120) + "...";
  }
}
