package io.celestialnexus.http.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One configured key: who holds it, what it may do, and the SHA-256 of its secret. Only the digest is kept, so a
 * key configured in clear and one configured hashed ({@code sha256:<hex>}) are checked the same way.
 * {@code toString} shows the name and scope only.
 */
public record ApiKey(String name, Scope scope, byte[] digest) {

  private static final String HASHED = "sha256:";

  public ApiKey {
    digest = digest.clone();
  }

  /** A key whose secret is given in clear. */
  public static ApiKey plain(String name, Scope scope, String secret) {
    return new ApiKey(name, scope, sha256(secret));
  }

  /**
   * Parses {@code name:scope:secret} or {@code name:scope:sha256:<64 hex digits>}. The message of a refusal never
   * repeats the entry, which holds a secret.
   */
  public static ApiKey parse(String entry) {
    String[] parts = entry.strip().split(":", 3);
    if (parts.length < 3 || parts[0].isBlank() || parts[2].isEmpty()) {
      throw new IllegalArgumentException("an entry must be name:scope:key or name:scope:sha256:<hex>");
    }
    String name = parts[0].strip();
    Scope scope =
        Scope.named(parts[1].strip())
            .orElseThrow(() -> new IllegalArgumentException("the scope of key '" + name + "' must be read, operate or admin"));
    String secret = parts[2];
    if (!secret.startsWith(HASHED)) {
      return plain(name, scope, secret);
    }
    String hex = secret.substring(HASHED.length()).strip();
    if (hex.length() != 64) {
      throw new IllegalArgumentException("the sha256 of key '" + name + "' must be 64 hex digits");
    }
    try {
      return new ApiKey(name, scope, HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the sha256 of key '" + name + "' must be 64 hex digits");
    }
  }

  /** Whether {@code digestOfProvided} is this key's digest, in time that does not depend on where they differ. */
  boolean matches(byte[] digestOfProvided) {
    return MessageDigest.isEqual(digest, digestOfProvided);
  }

  @Override
  public byte[] digest() {
    return digest.clone();
  }

  static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiKey key && key.name.equals(name) && key.scope == scope && MessageDigest.isEqual(key.digest, digest);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + scope.hashCode();
  }

  @Override
  public String toString() {
    return "ApiKey[" + name + ":" + scope.label() + "]";
  }
}
