package io.celestialnexus.http.wechat;

import static io.celestialnexus.http.wechat.WechatRejection.Reason.DOCTYPE;
import static io.celestialnexus.http.wechat.WechatRejection.Reason.MALFORMED_XML;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads WeChat's flat {@code <xml>...</xml>} messages with the JDK's StAX parser, hardened: DTDs are not
 * supported, external entities and external DTD access are off, and a DOCTYPE (the carrier of XXE and "billion
 * laughs") is refused the moment the parser meets it, before any entity could be declared or resolved.
 */
public final class WechatXml {

  /** The JDK factory's switch to reset and reuse its last reader. */
  private static final String REUSE_INSTANCE = "reuse-instance";

  /** One configured factory per thread: the JDK's factory is not documented as thread-safe. */
  private static final ThreadLocal<XMLInputFactory> FACTORY =
      ThreadLocal.withInitial(
          () -> {
            XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
            factory.setProperty(XMLInputFactory.IS_COALESCING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            try {
              // the JDK's factory can reset and reuse its last reader instead of building a new one per document
              // (measured: building it was most of a parse); safe here because each thread has its own factory and
              // closes its reader before the next parse
              factory.setProperty(REUSE_INSTANCE, true);
            } catch (IllegalArgumentException unsupported) {
              // another JDK without the switch: a new reader per document, as before
            }
            return factory;
          });

  private WechatXml() {}

  /**
   * The text of every leaf element under the {@code <xml>} root, by element name (nested leaves such as
   * {@code ScanCodeInfo/ScanType} by their own name; the first occurrence wins).
   */
  public static Map<String, String> parse(byte[] xml) throws WechatRejection {
    XMLStreamReader reader = null;
    try {
      reader = FACTORY.get().createXMLStreamReader(new ByteArrayInputStream(xml));
      Map<String, String> fields = new HashMap<>();
      StringBuilder text = new StringBuilder();
      int depth = 0;
      boolean leaf = false;
      boolean sawRoot = false;
      while (reader.hasNext()) {
        switch (reader.next()) {
          case XMLStreamConstants.DTD -> throw new WechatRejection(DOCTYPE, "a DOCTYPE is not allowed in a WeChat message");
          case XMLStreamConstants.ENTITY_REFERENCE ->
              throw new WechatRejection(DOCTYPE, "entity reference &" + reader.getLocalName() + "; is not allowed");
          case XMLStreamConstants.START_ELEMENT -> {
            depth++;
            if (depth == 1) {
              if (sawRoot || !"xml".equals(reader.getLocalName())) {
                throw new WechatRejection(MALFORMED_XML, "the root element must be <xml>, was <" + reader.getLocalName() + ">");
              }
              sawRoot = true;
            }
            leaf = true;
            text.setLength(0);
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
            if (leaf) {
              text.append(reader.getText());
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            if (leaf && depth > 1) {
              fields.putIfAbsent(reader.getLocalName(), text.toString());
            }
            leaf = false;
            depth--;
          }
          default -> {
            // comments and processing instructions carry nothing
          }
        }
      }
      if (!sawRoot) {
        throw new WechatRejection(MALFORMED_XML, "no <xml> element");
      }
      return fields;
    } catch (XMLStreamException e) {
      throw new WechatRejection(MALFORMED_XML, "malformed XML: " + firstLine(e.getMessage()));
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException ignored) {
          // nothing to release beyond the in-memory stream
        }
      }
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    String last = message.strip();
    int newline = last.lastIndexOf('\n');
    return newline < 0 ? last : last.substring(newline + 1).strip();
  }
}
