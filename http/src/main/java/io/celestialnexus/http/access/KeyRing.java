package io.celestialnexus.http.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The keys the api listener accepts. A presented secret is hashed once and compared with every key's digest, all
 * of them, so neither where a guess differs nor which key it resembles shows in the time taken.
 */
public record KeyRing(List<ApiKey> keys) {

  public KeyRing {
    keys = List.copyOf(keys);
  }

  /**
   * The keys of {@code entries} ({@code name:scope:key,...}, see {@link ApiKey#parse}) plus, when not empty,
   * {@code adminKey} as an admin key named {@code NEXUS_API_KEY}.
   */
  public static KeyRing of(String adminKey, String entries) {
    List<ApiKey> keys = new ArrayList<>();
    if (!adminKey.isEmpty()) {
      keys.add(ApiKey.plain("NEXUS_API_KEY", Scope.ADMIN, adminKey));
    }
    int position = 0;
    for (String entry : entries.split(",")) {
      position++;
      if (entry.isBlank()) {
        continue;
      }
      try {
        keys.add(ApiKey.parse(entry));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("entry " + position + ": " + e.getMessage());
      }
    }
    List<String> names = keys.stream().map(ApiKey::name).toList();
    for (String name : names) {
      if (names.indexOf(name) != names.lastIndexOf(name)) {
        throw new IllegalArgumentException("two keys are named '" + name + "'; names identify keys in logs and metrics");
      }
    }
    return new KeyRing(keys);
  }

  public boolean isEmpty() {
    return keys.isEmpty();
  }

  /** The key whose secret was presented, if any. */
  public Optional<ApiKey> match(String presented) {
    byte[] digest = ApiKey.sha256(presented);
    ApiKey found = null;
    for (ApiKey key : keys) {
      if (key.matches(digest) && found == null) {
        found = key;
      }
    }
    return Optional.ofNullable(found);
  }
}
