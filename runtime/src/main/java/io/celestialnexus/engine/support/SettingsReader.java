package io.celestialnexus.engine.support;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads settings under one path of the root config, always by full path, so that every error (a wrong
 * type from the library, or a range check from us) names the key an operator has to fix, e.g.
 * {@code nexus.http.api.port}.
 */
public final class SettingsReader {

  private final Config root;
  private final String prefix;

  public SettingsReader(Config root, String prefix) {
    this.root = root;
    this.prefix = prefix;
  }

  /** The block under {@code key}. */
  public SettingsReader at(String key) {
    return new SettingsReader(root, path(key));
  }

  public String path(String key) {
    return prefix + "." + key;
  }

  /** Names of the entries directly under this block. */
  public Set<String> keys() {
    return root.getConfig(prefix).root().keySet();
  }

  /** A file-system location, absolute and normalised (a relative one is taken from the working directory). */
  public Path location(String key) {
    return Path.of(string(key)).toAbsolutePath().normalize();
  }

  public Duration duration(String key) {
    return root.getDuration(path(key));
  }

  public Duration positiveDuration(String key) {
    Duration value = duration(key);
    if (value.isNegative() || value.isZero()) {
      throw new ConfigException.BadValue(path(key), "must be positive, was " + value);
    }
    return value;
  }

  public Duration nonNegativeDuration(String key) {
    Duration value = duration(key);
    if (value.isNegative()) {
      throw new ConfigException.BadValue(path(key), "must not be negative, was " + value);
    }
    return value;
  }

  public int integer(String key) {
    return root.getInt(path(key));
  }

  public int integerAtLeast(int minimum, String key) {
    int value = integer(key);
    if (value < minimum) {
      throw new ConfigException.BadValue(path(key), "must be at least " + minimum + ", was " + value);
    }
    return value;
  }

  public int integerIn(int minimum, int maximum, String key) {
    int value = integerAtLeast(minimum, key);
    if (value > maximum) {
      throw new ConfigException.BadValue(path(key), "must be at most " + maximum + ", was " + value);
    }
    return value;
  }

  public long longValue(String key) {
    return root.getLong(path(key));
  }

  public double number(String key) {
    return root.getDouble(path(key));
  }

  public boolean flag(String key) {
    return root.getBoolean(path(key));
  }

  public String string(String key) {
    return root.getString(path(key));
  }

  /** A string that must be one of {@code allowed}. */
  public String oneOf(Set<String> allowed, String key) {
    String value = string(key);
    if (!allowed.contains(value)) {
      throw new ConfigException.BadValue(path(key), "must be one of " + allowed + ", was '" + value + "'");
    }
    return value;
  }

  /**
   * An http(s) URL with a host; empty when the value is blank. A refusal never repeats the value: a URL may hold a
   * token.
   */
  public Optional<URI> httpUrl(String key) {
    String value = string(key).strip();
    if (value.isEmpty()) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw invalid(key, "is not a URL");
    }
    if (!Set.of("http", "https").contains(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT)) || uri.getHost() == null) {
      throw invalid(key, "must be an http(s) URL with a host");
    }
    return Optional.of(uri);
  }

  /** A string value read as a comma-separated list (an environment variable's form), blanks dropped. */
  public List<String> commaSeparated(String key) {
    return Arrays.stream(string(key).split(",")).map(String::strip).filter(part -> !part.isEmpty()).toList();
  }

  public List<String> strings(String key) {
    return root.getStringList(path(key));
  }

  /** A check that failed, as the same kind of error the reads raise. */
  public ConfigException invalid(String key, String problem) {
    return new ConfigException.BadValue(path(key), problem);
  }
}
