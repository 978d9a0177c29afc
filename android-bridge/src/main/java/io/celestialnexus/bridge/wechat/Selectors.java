package io.celestialnexus.bridge.wechat;

import io.celestialnexus.bridge.ui.UiDump;
import io.celestialnexus.bridge.ui.UiNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

/**
 * The compiled candidates for one WeChat version. A role resolves to what its first candidate that selects
 * anything selects. Not thread-safe (JDK XPath expressions are not); each device session compiles its own.
 */
public final class Selectors {

  private final String versionName;
  private final boolean fallback;
  private final String description;
  private final Map<UiRole, List<XPathExpression>> candidates;

  private Selectors(String versionName, boolean fallback, String description, Map<UiRole, List<XPathExpression>> candidates) {
    this.versionName = versionName;
    this.fallback = fallback;
    this.description = description;
    this.candidates = candidates;
  }

  static Selectors compile(String versionName, boolean fallback, String description, Map<UiRole, List<String>> sources) {
    XPath xpath = XPathFactory.newInstance().newXPath();
    Map<UiRole, List<XPathExpression>> compiled = new EnumMap<>(UiRole.class);
    sources.forEach(
        (role, expressions) -> {
          var list = new ArrayList<XPathExpression>(expressions.size());
          for (String expression : expressions) {
            try {
              list.add(xpath.compile(expression));
            } catch (XPathExpressionException e) {
              throw new IllegalStateException("checked when the catalog loaded: " + expression, e);
            }
          }
          compiled.put(role, List.copyOf(list));
        });
    return new Selectors(versionName, fallback, description, compiled);
  }

  public String versionName() {
    return versionName;
  }

  /** True when no set names this version and only text/class fallbacks read the screen. */
  public boolean fallback() {
    return fallback;
  }

  /** Which set reads the screen, or that none does; shown in status. */
  public String description() {
    return description;
  }

  /** All nodes of a screen-scoped role. */
  public List<UiNode> all(UiDump dump, UiRole role) {
    for (XPathExpression candidate : candidates.get(role)) {
      List<UiNode> nodes = dump.select(candidate);
      if (!nodes.isEmpty()) {
        return nodes;
      }
    }
    return List.of();
  }

  /** All nodes of a row- or message-scoped role inside {@code context}. */
  public List<UiNode> all(UiDump dump, UiRole role, UiNode context) {
    for (XPathExpression candidate : candidates.get(role)) {
      List<UiNode> nodes = dump.select(candidate, context);
      if (!nodes.isEmpty()) {
        return nodes;
      }
    }
    return List.of();
  }

  public Optional<UiNode> first(UiDump dump, UiRole role) {
    return all(dump, role).stream().findFirst();
  }

  public Optional<UiNode> first(UiDump dump, UiRole role, UiNode context) {
    return all(dump, role, context).stream().findFirst();
  }
}
