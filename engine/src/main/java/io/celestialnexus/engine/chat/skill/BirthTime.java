package io.celestialnexus.engine.chat.skill;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a birth date and time as people type it: {@code 1990-05-17 08:30}, {@code 1990/5/17 8:30},
 * {@code 1990年5月17日8时30分}, {@code 1990年5月17日 8点}, {@code 199005170830}. The hour is required (it is a pillar).
 */
public final class BirthTime {

  private static final Pattern SEPARATED =
      Pattern.compile(
          "(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*[日号]?\\s*[T\\s]?\\s*(\\d{1,2})\\s*(?:[:：时点]\\s*(?:(\\d{1,2})\\s*分?)?)?");
  private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})?");

  private BirthTime() {}

  public static Optional<LocalDateTime> parse(String text) {
    String input = text.strip();
    Matcher matcher = SEPARATED.matcher(input);
    if (!matcher.matches()) {
      matcher = COMPACT.matcher(input);
      if (!matcher.matches()) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(
          LocalDateTime.of(
              Integer.parseInt(matcher.group(1)),
              Integer.parseInt(matcher.group(2)),
              Integer.parseInt(matcher.group(3)),
              Integer.parseInt(matcher.group(4)),
              matcher.group(5) == null ? 0 : Integer.parseInt(matcher.group(5))));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
