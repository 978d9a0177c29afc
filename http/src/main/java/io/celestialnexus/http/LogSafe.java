package io.celestialnexus.http;

/**
 * Makes a value that came from a request safe to put in a log line. A client controls query parameters, headers,
 * XML fields and bodies; a newline among them would let it write a forged line into {@code nexus.log} (log
 * injection). Every control character (C0, DEL, C1) and the Unicode line and paragraph separators are written as
 * escapes ({@code \n}, {@code \r}, {@code \t}, {@code \\u001b}, ...), a backslash is doubled so an escape cannot be
 * faked, and the value is cut to {@link #MAX_CHARS} characters so one request cannot fill the log.
 *
 * <p>Used by the {@code wechat} listener's logging; the API's request logging can use it the same way.
 */
public final class LogSafe {

  /** Longer values are cut here and say how much was left out. */
  public static final int MAX_CHARS = 512;

  private LogSafe() {}

  /** {@code value} as one escaped line; {@code null} is "null". */
  public static String of(Object value) {
    String text = String.valueOf(value);
    int end = Math.min(text.length(), MAX_CHARS);
    StringBuilder out = null; // allocated only when something needs escaping or cutting
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      String escape = escape(c);
      if (escape != null && out == null) {
        out = new StringBuilder(end + 16).append(text, 0, i);
      }
      if (out != null) {
        if (escape != null) {
          out.append(escape);
        } else {
          out.append(c);
        }
      }
    }
    if (text.length() > MAX_CHARS) {
      if (out == null) {
        out = new StringBuilder(text.substring(0, end));
      }
      out.append("...(").append(text.length() - MAX_CHARS).append(" more chars)");
    }
    return out == null ? text : out.toString();
  }

  /** Whether {@code value} holds a character {@link #of} would escape other than a backslash (a line break, ...). */
  public static boolean hasControlCharacters(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\\' && escape(c) != null) {
        return true;
      }
    }
    return false;
  }

  private static String escape(char c) {
    return switch (c) {
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      case '\\' -> "\\\\";
      default -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' ? String.format("\\u%04x", (int) c) : null;
    };
  }
}
