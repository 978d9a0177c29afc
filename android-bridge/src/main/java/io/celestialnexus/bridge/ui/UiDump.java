package io.celestialnexus.bridge.ui;

import java.util.ArrayList;
import java.util.List;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** A parsed {@code uiautomator dump}: the window hierarchy as DOM, queried with compiled XPath expressions. */
public final class UiDump {

  private final Document document;
  private final Bounds screen;

  UiDump(Document document, Bounds screen) {
    this.document = document;
    this.screen = screen;
  }

  /** The screen's rectangle (the outermost node's bounds). */
  public Bounds screen() {
    return screen;
  }

  /** The nodes {@code expression} selects, evaluated against the whole dump. */
  public List<UiNode> select(XPathExpression expression) {
    return select(expression, document);
  }

  /** The nodes {@code expression} selects relative to {@code context} (for {@code .//node[...]} selectors). */
  public List<UiNode> select(XPathExpression expression, UiNode context) {
    return select(expression, context.element());
  }

  private static List<UiNode> select(XPathExpression expression, Node context) {
    try {
      NodeList nodes = (NodeList) expression.evaluate(context, XPathConstants.NODESET);
      var selected = new ArrayList<UiNode>(nodes.getLength());
      for (int i = 0; i < nodes.getLength(); i++) {
        if (nodes.item(i) instanceof Element element) {
          selected.add(new UiNode(element));
        }
      }
      return selected;
    } catch (XPathExpressionException e) {
      // selectors are compiled and checked when the catalog loads; a failure here is a bug in one of them
      throw new IllegalStateException("selector failed on a dump: " + e.getMessage(), e);
    }
  }
}
