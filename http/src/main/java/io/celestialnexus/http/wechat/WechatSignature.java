package io.celestialnexus.http.wechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * WeChat's signatures: the SHA-1 (lowercase hex) of the parts sorted and concatenated. {@code signature} covers
 * token, timestamp and nonce; {@code msg_signature} adds the Encrypt text. Comparisons run in constant time.
 */
public final class WechatSignature {

  private static final ThreadLocal<MessageDigest> SHA1 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every JDK has SHA-1", e);
            }
          });

  private final List<String> tokens;

  /** {@code tokens}: the primary first, then the others accepted during a rotation. */
  public WechatSignature(List<String> tokens) {
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("at least one token");
    }
    this.tokens = List.copyOf(tokens);
  }

  public static String sign(String... parts) {
    String[] sorted = parts.clone();
    Arrays.sort(sorted);
    MessageDigest sha1 = SHA1.get();
    sha1.reset();
    for (String part : sorted) {
      sha1.update(part.getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(sha1.digest());
  }

  /** Constant-time comparison of two hex signatures (case-insensitive, as hex is). */
  public static boolean same(String expected, String provided) {
    return MessageDigest.isEqual(
        expected.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
        provided.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The token that produced {@code provided} over {@code parts} (the token itself is prepended), or empty. Every
   * accepted token is tried, whether or not an earlier one matched, so timing tells nothing about which.
   */
  public Optional<String> verify(String provided, String... parts) {
    String[] withToken = new String[parts.length + 1];
    System.arraycopy(parts, 0, withToken, 1, parts.length);
    String matched = null;
    for (String token : tokens) {
      withToken[0] = token;
      if (same(sign(withToken), provided) && matched == null) {
        matched = token;
      }
    }
    return Optional.ofNullable(matched);
  }

  public String primaryToken() {
    return tokens.get(0);
  }
}
