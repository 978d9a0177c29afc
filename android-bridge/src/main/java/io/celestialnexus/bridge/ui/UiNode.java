package io.celestialnexus.bridge.ui;

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
