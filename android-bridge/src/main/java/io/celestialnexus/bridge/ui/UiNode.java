package io.celestialnexus.bridge.ui;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** One {@code <node>} of a dump, read through the attributes uiautomator writes. */
public final class UiNode {

  private final Element element;

  UiNode(Element element) {
    this.element = element;
  }

  /** The DOM element, the context for relative XPath selectors. */
  public Element element() {
    return element;
  }

  public String text() {
    return element.getAttribute("text");
  }

  public String resourceId() {
    return element.getAttribute("resource-id");
  }

  public String className() {
    return element.getAttribute("class");
  }

  public String contentDesc() {
    return element.getAttribute("content-desc");
  }

  public boolean clickable() {
    return "true".equals(element.getAttribute("clickable"));
  }

  public Bounds bounds() {
    return Bounds.parse(element.getAttribute("bounds"));
  }

  /**
   * This node and its subtree copied into a document of their own, for evaluating relative selectors on it. The
   * JDK's XPath wraps the whole document it is given on every evaluation (and walks up to a context node deep in
   * it), so a dozen relative lookups per row cost a dozen passes over a large dump; on the copy they cost a pass
   * over the row.
   */
  public UiNode detached() {
    Document own = element.getOwnerDocument().getImplementation().createDocument(null, null, null);
    Element copy = (Element) own.importNode(element, true);
    own.appendChild(copy);
    return new UiNode(copy);
  }

  /** The visible text, or the accessibility description when a node has no text. */
  public String label() {
    String text = text();
    return text.isEmpty() ? contentDesc() : text;
  }

  @Override
  public String toString() {
    return className() + "[" + resourceId() + "] '" + label() + "' " + bounds();
  }
}
