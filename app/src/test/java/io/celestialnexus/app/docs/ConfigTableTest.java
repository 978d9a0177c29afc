package io.celestialnexus.app.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration tables against the modules' reference.conf files: every key the README names exists,
 * every key a module reads is in the README, and every default the README spells out literally is the shipped one.
 * Environment overrides are left out, so the comparison is with what a machine without them gets.
 */
class ConfigTableTest {

  private static final Path README = Path.of("..", "README.md");
  /** A table row's first two cells: the keys, and their defaults. */
  private static final Pattern ROW = Pattern.compile("^\\| (`nexus[^|]*)\\|([^|]*)\\|");
  private static final Pattern QUOTED = Pattern.compile("`([^`]*)`");

  /** A documented key, or a documented family ({@code prefix} ending in a dot) with its default as written. */
  private record Documented(String key, boolean family, String shownDefault) {}

  private static final Config SHIPPED =
      ConfigFactory.defaultReferenceUnresolved().resolve(ConfigResolveOptions.noSystem()).getConfig("nexus").atPath("nexus");

  @Test
  void everyKeyTheReadmeNamesExistsAndEveryShippedKeyIsInTheReadme() throws IOException {
    List<Documented> documented = documented();
    List<String> unknown = new ArrayList<>();
    for (Documented entry : documented) {
      if (!entry.family() && !SHIPPED.hasPathOrNull(entry.key())) {
        unknown.add(entry.key());
      }
    }
    assertEquals(List.of(), unknown, "the README names keys no module reads");

    TreeSet<String> undocumented = new TreeSet<>();
    for (Map.Entry<String, ConfigValue> shipped : SHIPPED.entrySet()) {
      String key = shipped.getKey();
      boolean covered =
          documented.stream().anyMatch(entry -> entry.family() ? key.startsWith(entry.key()) : key.equals(entry.key()));
      if (!covered) {
        undocumented.add(key);
      }
    }
    assertEquals(new TreeSet<String>(), undocumented, "keys the modules read that the README's tables leave out");
  }

  @Test
  void everyDefaultTheReadmeSpellsOutIsTheShippedOne() throws IOException {
    Map<String, String> wrong = new LinkedHashMap<>();
    int compared = 0;
    for (Documented entry : documented()) {
      if (entry.family() || entry.shownDefault() == null || !SHIPPED.hasPath(entry.key())) {
        continue;
      }
      String shipped = rendered(SHIPPED.getValue(entry.key()));
      compared++;
      if (!same(shipped, entry.shownDefault())) {
        wrong.put(entry.key(), "README " + entry.shownDefault() + ", reference.conf " + shipped);
      }
    }
    assertEquals(Map.of(), wrong);
    assertTrue(compared > 80, "only " + compared + " defaults were compared: has the table's layout changed?");
  }

  /** Every key of every row; a row's further keys are siblings of its first ({@code .port}, {@code max-backoff}) unless written whole. */
  private static List<Documented> documented() throws IOException {
    List<Documented> documented = new ArrayList<>();
    for (String line : Files.readAllLines(README)) {
      Matcher row = ROW.matcher(line);
      if (!row.find()) {
        continue;
      }
      List<String> keys = quoted(row.group(1));
      String[] defaults = row.group(2).strip().split(" / ");
      String first = keys.get(0);
      String parent = first.substring(0, first.lastIndexOf('.') + 1);
      for (int i = 0; i < keys.size(); i++) {
        String key = i == 0 || keys.get(i).startsWith("nexus.") ? keys.get(i) : parent + keys.get(i).replaceFirst("^\\.", "");
        int family = Math.min(index(key, "<"), index(key, "*"));
        String shown = defaults.length == keys.size() ? literal(defaults[i].strip()) : null;
        documented.add(
            family < key.length()
                ? new Documented(key.substring(0, family), true, null)
                : new Documented(key, false, shown));
      }
    }
    return documented;
  }

  private static int index(String key, String marker) {
    int at = key.indexOf(marker);
    return at < 0 ? key.length() : at;
  }

  private static List<String> quoted(String cell) {
    List<String> found = new ArrayList<>();
    Matcher matcher = QUOTED.matcher(cell);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }

  /** A default written as one literal ({@code `300`}, or "empty"); null for prose ("(Chinese texts)", "bundled"). */
  private static String literal(String cell) {
    if (cell.startsWith("empty")) {
      return "";
    }
    Matcher matcher = QUOTED.matcher(cell);
    if (cell.startsWith("`") && matcher.find() && matcher.end() == cell.length() && !matcher.group(1).contains("<")) {
      return matcher.group(1);
    }
    return null;
  }

  /** Equal as text, or as numbers ({@code 1.0} in the README, {@code 1} as HOCON renders it). */
  private static boolean same(String shipped, String shown) {
    if (shipped.equals(shown)) {
      return true;
    }
    try {
      return Double.parseDouble(shipped) == Double.parseDouble(shown);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String rendered(ConfigValue value) {
    String text = value.render(ConfigRenderOptions.concise());
    return text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
  }
}
