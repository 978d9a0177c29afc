package io.celestialnexus.engine.ssq.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.celestialnexus.engine.ssq.Draw;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The China Welfare Lottery's draw notice ({@code findDrawNotice?name=ssq}): {@code {"state": 0, "message": ...,
 * "result": [{"code": "2026097", "date": "2026-08-23(日)", "red": "01,05,09,12,20,33", "blue": "09"}, ...]}}, newest
 * first. Anything else is refused with a {@link Malformed} that says what was wrong and where.
 */
public final class DrawNotice {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** The first characters of a notice that is not JSON, shown in the refusal. */
  private static final int SHOWN = 80;

  private DrawNotice() {}

  /** A notice that is not the documented format. */
  public static final class Malformed extends Exception {
    public Malformed(String message) {
      super(message);
    }
  }

  /** The draws of {@code body}, oldest first. */
  public static List<Draw> parse(String body) throws Malformed {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new Malformed("not JSON: " + shown(body));
    }
    if (root == null || !root.isObject()) {
      throw new Malformed("not a JSON object: " + shown(body));
    }
    JsonNode state = root.get("state");
    if (state == null || !state.canConvertToInt()) {
      throw new Malformed("no numeric 'state'");
    }
    if (state.asInt() != 0) {
      throw new Malformed("the source answered state " + state.asInt() + ": " + root.path("message").asText(""));
    }
    JsonNode result = root.get("result");
    if (result == null || !result.isArray()) {
      throw new Malformed("no 'result' array");
    }
    List<Draw> draws = new ArrayList<>();
    for (int i = result.size() - 1; i >= 0; i--) {
      draws.add(draw(result.get(i), i));
    }
    return List.copyOf(draws);
  }

  private static Draw draw(JsonNode entry, int index) throws Malformed {
    String where = "result[" + index + "]";
    String code = text(entry, "code", where);
    where += " (code " + code + ")";
    String date = text(entry, "date", where);
    try {
      int issue = Integer.parseInt(code.strip());
      LocalDate day = LocalDate.parse(date.length() >= 10 ? date.substring(0, 10) : date);
      List<Integer> reds = new ArrayList<>();
      for (String red : text(entry, "red", where).split(",")) {
        reds.add(Integer.parseInt(red.strip()));
      }
      return new Draw(issue, day, reds, Integer.parseInt(text(entry, "blue", where).strip()));
    } catch (NumberFormatException e) {
      throw new Malformed(where + ": not a number: " + e.getMessage());
    } catch (DateTimeParseException e) {
      throw new Malformed(where + ": date '" + date + "' does not start with YYYY-MM-DD");
    } catch (IllegalArgumentException e) {
      throw new Malformed(where + ": " + e.getMessage());
    }
  }

  private static String text(JsonNode entry, String field, String where) throws Malformed {
    JsonNode value = entry == null ? null : entry.get(field);
    if (value == null || !value.isTextual()) {
      throw new Malformed(where + ": no text field '" + field + "'");
    }
    return value.asText();
  }

  private static String shown(String body) {
    String line = body.strip().replaceAll("\\p{Cntrl}", " ");
    return line.length() <= SHOWN ? "'" + line + "'" : "'" + line.substring(0, SHOWN) + "…' (" + body.length() + " characters)";
  }
}
