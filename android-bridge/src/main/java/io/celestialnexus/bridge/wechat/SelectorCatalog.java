package io.celestialnexus.bridge.wechat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

/**
 * The WeChat selectors file: named selector sets, each for a list of WeChat {@code versionName}s, and the
 * text/class fallbacks every version gets last. The bundled {@code wechat-selectors.conf} ships the sets this
 * project has evidence for (the file says where each came from); an operator's file, when configured, is
 * layered over it, so it can add a version or override a role without repeating the rest.
 *
 * <p>Every candidate is compiled when the catalog loads, so a typo fails at start, naming the key and the
 * file, not later on a phone. Immutable and thread-safe (it keeps the expressions as text).
 */
public final class SelectorCatalog {

  public static final String BUNDLED = "wechat-selectors.conf";
  private static final String ROOT = "wechat-selectors";

  /** One named set of candidates and the WeChat versions it reads. */
  record SelectorSet(String name, List<String> versions, String source, Map<UiRole, List<String>> candidates) {}

  private final List<SelectorSet> sets;
  private final Map<UiRole, List<String>> fallback;
  private final Set<String> notChats;

  private SelectorCatalog(List<SelectorSet> sets, Map<UiRole, List<String>> fallback, Set<String> notChats) {
    this.sets = sets;
    this.fallback = fallback;
    this.notChats = notChats;
  }

  /** The bundled file, with {@code operatorFile} (if given) layered over it. */
  public static SelectorCatalog load(Optional<Path> operatorFile) {
    Config bundled = ConfigFactory.parseResources(SelectorCatalog.class, "/" + BUNDLED, ConfigParseOptions.defaults().setAllowMissing(false));
    Config layered =
        operatorFile
            .map(file -> ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)))
            .map(operator -> operator.withFallback(bundled))
            .orElse(bundled)
            .resolve();
    return fromConfig(layered);
  }

  static SelectorCatalog fromConfig(Config config) {
    XPath xpath = XPathFactory.newInstance().newXPath();
    Map<UiRole, List<String>> fallback = new EnumMap<>(UiRole.class);
    String fallbackPath = ROOT + ".fallback";
    for (UiRole role : UiRole.values()) {
      String path = fallbackPath + "." + role.key();
      if (!config.hasPath(path)) {
        throw new ConfigException.Missing(config.origin(), path);
      }
      fallback.put(role, compiled(config, path, xpath));
    }
    var sets = new ArrayList<SelectorSet>();
    Config setsBlock = config.getConfig(ROOT + ".sets");
    for (String name : setsBlock.root().keySet()) {
      String setPath = ROOT + ".sets." + ConfigUtil.quoteString(name);
      Map<UiRole, List<String>> candidates = new EnumMap<>(UiRole.class);
      for (UiRole role : UiRole.values()) {
        String path = setPath + "." + role.key();
        candidates.put(role, config.hasPath(path) ? compiled(config, path, xpath) : List.of());
      }
      List<String> versions = config.getStringList(setPath + ".versions");
      if (versions.isEmpty()) {
        throw new ConfigException.BadValue(config.getValue(setPath + ".versions").origin(), setPath + ".versions", "names no WeChat version");
      }
      sets.add(new SelectorSet(name, List.copyOf(versions), config.getString(setPath + ".source"), candidates));
    }
    Set<String> notChats = Set.copyOf(config.getStringList(ROOT + ".not-chats"));
    return new SelectorCatalog(List.copyOf(sets), fallback, notChats);
  }

  /** Every candidate of {@code path}, each checked to compile as XPath. */
  private static List<String> compiled(Config config, String path, XPath xpath) {
    List<String> candidates = config.getStringList(path);
    for (int i = 0; i < candidates.size(); i++) {
      try {
        xpath.compile(candidates.get(i));
      } catch (XPathExpressionException e) {
        throw new ConfigException.BadValue(
            config.getValue(path).origin(), path, "candidate " + (i + 1) + " is not valid XPath: " + candidates.get(i));
      }
    }
    return List.copyOf(candidates);
  }

  /**
   * The selectors for a WeChat version: its set's candidates, or the fallbacks alone (and said so) when no set
   * names that version. A screen role gets the fallbacks after the set's ids. A row or message role the set names
   * does not: inside one row a missing id means the part is not there (a picture has no text, a bubble half
   * scrolled off has no avatar, most messages have no time label), and a text/class fallback would then pick
   * another part of the row (the sender's name or a file's size as the text, the text as a time label).
   */
  public Selectors forVersion(String versionName) {
    for (SelectorSet set : sets) {
      if (set.versions().contains(versionName)) {
        Map<UiRole, List<String>> merged = new LinkedHashMap<>();
        for (UiRole role : UiRole.values()) {
          var candidates = new ArrayList<>(set.candidates().get(role));
          if (role.scope() == UiRole.Scope.SCREEN || candidates.isEmpty()) {
            candidates.addAll(fallback.get(role));
          }
          merged.put(role, candidates);
        }
        return Selectors.compile(
            set.name(),
            "WeChat " + versionName + ": selector set " + set.name() + " (resource ids; text/class fallbacks for whole-screen parts)",
            merged,
            notChats);
      }
    }
    return Selectors.compile(
        Selectors.FALLBACK,
        "fallback: no selector set for WeChat " + versionName + "; reading the screen by text and class only",
        fallback,
        notChats);
  }

  /** Every version some set names, for documentation and status. */
  public List<String> knownVersions() {
    return sets.stream().flatMap(set -> set.versions().stream()).toList();
  }
}
