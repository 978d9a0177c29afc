package io.celestialnexus.persistence;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the credentials a URL may carry, for logs, messages and {@code nexus print-config}: the password of
 * {@code user:password@host}, every parameter whose name says password, secret, token, key or sign (in a query
 * {@code ?a=b&c=d} or a JDBC {@code ;A=B} list), and, in an http(s) URL, a path segment that looks like a token
 * (16 or more letters, digits, {@code -} or {@code _}, with a digit), which is how robot webhooks (Feishu, Slack)
 * carry theirs. Host, port, database and the names stay readable, so a message still says where.
 */
public final class UrlSecrets {

  public static final String MASK = "****";

  private static final Pattern USER_INFO = Pattern.compile("(://[^/@:?#\\s]*):[^/@?#\\s]*@");
  private static final Pattern PARAMETER =
      Pattern.compile("(?i)([?&;][a-z0-9_.-]*(?:password|passwd|pwd|secret|token|key|sign)[a-z0-9_.-]*=)[^&;#\\s]*");
  private static final Pattern TOKEN_SEGMENT = Pattern.compile("(?<!/)/(?=[A-Za-z_-]*[0-9])[A-Za-z0-9_-]{16,}(?=[/?#]|$)");

  private UrlSecrets() {}

  /** {@code text} with every credential of a URL in it masked; text without one comes back unchanged. */
  public static String mask(String text) {
    if (text == null || (!text.contains("://") && !text.contains("=") && !text.startsWith("jdbc:"))) {
      return text;
    }
    String masked = USER_INFO.matcher(text).replaceAll("$1:" + MASK + "@");
    masked = PARAMETER.matcher(masked).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    if (masked.regionMatches(true, 0, "http", 0, 4)) {
      masked = TOKEN_SEGMENT.matcher(masked).replaceAll("/" + MASK);
    }
    return masked;
  }
}
