package io.celestialnexus.bridge.wechat;

import io.celestialnexus.bridge.ui.UiDump;
import io.celestialnexus.bridge.ui.UiNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The compiled candidates for one WeChat version. A role resolves to what its first candidate that selects
 * anything selects. Not thread-safe (JDK XPath expressions are not); each device session compiles its own.
 *
 * <p>Row and message roles are resolved for all rows of a screen at once: the JDK's XPath pays a pass over the
 * whole dump on every evaluation, so a plain descendant candidate ({@code .//node[...]}) is evaluated once over
 * the dump ({@code //node[...]}) and each match assigned to the row that contains it, the first in document
 * order winning, exactly what the relative expression selects in each row. Candidates that depend on position
 * or leave the row ({@code (.//node)[1]}, {@code last()}, other axes) are evaluated per row, on a copy of it.
 */
public final class Selectors {

  /** Positions, unions and axes, whose meaning changes when a row's matches are gathered from the whole dump. */
  private static final Pattern NOT_PLAIN = Pattern.compile("last\\(\\)|position\\(\\)|\\[\\s*\\d+\\s*]|::|\\.\\.|\\|");

  /** A candidate as written, and its whole-dump twin when it is a plain descendant search. */
  private record Candidate(XPathExpression relative, XPathExpression overDump) {}

  /** The {@link #set()} of a version no set names. */
  public static final String FALLBACK = "fallback";

  private final String set;
  private final String description;
  private final Map<UiRole, List<Candidate>> candidates;
  private final Set<String> notChats;

  private Selectors(String set, String description, Map<UiRole, List<Candidate>> candidates, Set<String> notChats) {
    this.set = set;
    this.description = description;
    this.candidates = candidates;
    this.notChats = notChats;
  }

  static Selectors compile(String set, String description, Map<UiRole, List<String>> sources, Set<String> notChats) {
    XPath xpath = XPathFactory.newInstance().newXPath();
    Map<UiRole, List<Candidate>> compiled = new EnumMap<>(UiRole.class);
    sources.forEach(
        (role, expressions) -> {
          var list = new ArrayList<Candidate>(expressions.size());
          for (String expression : expressions) {
            try {
              boolean plain =
                  role.scope() != UiRole.Scope.SCREEN && expression.startsWith(".//") && !NOT_PLAIN.matcher(expression).find();
              list.add(new Candidate(xpath.compile(expression), plain ? xpath.compile(expression.substring(1)) : null));
            } catch (XPathExpressionException e) {
              throw new IllegalStateException("checked when the catalog loaded: " + expression, e);
            }
          }
          compiled.put(role, List.copyOf(list));
        });
    return new Selectors(set, description, compiled, Set.copyOf(notChats));
  }

  /** True when no set names this version and only text/class fallbacks read the screen. */
  public boolean fallback() {
    return FALLBACK.equals(set);
  }

  /** The name of the selector set that reads the screen ({@code wechat-8-0-4x}), or {@value #FALLBACK}; for status. */
  public String set() {
    return set;
  }

  /** Names of chat-list rows that open no chat (folders, service notices): the bridge leaves them alone. */
  public Set<String> notChats() {
    return notChats;
  }

  /** Which set reads the screen, or that none does; shown in status. */
  public String description() {
    return description;
  }

  /** All nodes of a screen-scoped role. */
  public List<UiNode> all(UiDump dump, UiRole role) {
    for (Candidate candidate : candidates.get(role)) {
      List<UiNode> nodes = dump.select(candidate.relative());
      if (!nodes.isEmpty()) {
        return nodes;
      }
    }
    return List.of();
  }

  public Optional<UiNode> first(UiDump dump, UiRole role) {
    return all(dump, role).stream().findFirst();
  }

  /** The first node of a row- or message-scoped role in each of {@code rows} (null where there is none). */
  public List<UiNode> firstInEach(UiDump dump, UiRole role, List<UiNode> rows) {
    UiNode[] found = new UiNode[rows.size()];
    Map<Element, Integer> index = new IdentityHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      index.put(rows.get(i).element(), i);
    }
    int unresolved = rows.size();
    UiNode[] copies = new UiNode[rows.size()];
    for (Candidate candidate : candidates.get(role)) {
      if (unresolved == 0) {
        break;
      }
      if (candidate.overDump() != null) {
        for (UiNode node : dump.select(candidate.overDump())) {
          Integer row = rowOf(node.element(), index);
          if (row != null && found[row] == null) {
            found[row] = node;
            unresolved--;
          }
        }
      } else {
        for (int i = 0; i < rows.size(); i++) {
          if (found[i] == null) {
            if (copies[i] == null) {
              copies[i] = rows.get(i).detached();
            }
            List<UiNode> nodes = dump.select(candidate.relative(), copies[i]);
            if (!nodes.isEmpty()) {
              found[i] = nodes.get(0);
              unresolved--;
            }
          }
        }
      }
    }
    return Arrays.asList(found);
  }

  /** The row {@code element} lies in (strictly below the row's own node), or null. */
  private static Integer rowOf(Element element, Map<Element, Integer> rows) {
    for (Node up = element.getParentNode(); up != null; up = up.getParentNode()) {
      Integer row = rows.get(up);
      if (row != null) {
        return row;
      }
    }
    return null;
  }
}
