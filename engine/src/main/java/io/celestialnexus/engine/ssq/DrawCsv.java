package io.celestialnexus.engine.ssq;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads draw history in the shipped format, {@code issue,date,r1,r2,r3,r4,r5,r6,blue} with a header row.
 * Every bad row is reported as {@code line N: reason} (N counts from 1 and includes the header), never
 * silently skipped; a repeated issue with the same numbers is harmless, with different numbers it is rejected.
 */
public final class DrawCsv {

  public static final List<String> HEADER = List.of("issue", "date", "r1", "r2", "r3", "r4", "r5", "r6", "blue");
  private static final String BUNDLED = "/ssq/ssq_history.csv";

  private DrawCsv() {}

  /** A rejected row: its line number in the file and why. */
  public record Rejection(long line, String reason) {
    @Override
    public String toString() {
      return "line " + line + ": " + reason;
    }
  }

  /** The valid draws in file order (duplicates of an earlier identical row dropped) and every rejection. */
  public record Parsed(List<Draw> draws, List<Rejection> rejections) {
    public boolean clean() {
      return rejections.isEmpty();
    }
  }

  public static Parsed parse(Reader reader) throws IOException {
    List<Draw> draws = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    Map<Integer, Draw> byIssue = new HashMap<>();
    CSVFormat format = CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(true).get();
    try (CSVParser parser = CSVParser.parse(reader, format)) {
      boolean header = true;
      for (CSVRecord record : parser) {
        long line = parser.getCurrentLineNumber();
        if (header) {
          header = false;
          if (!headerOf(record).equals(HEADER)) {
            rejections.add(new Rejection(line, "header must be " + String.join(",", HEADER) + ", was " + String.join(",", record.toList())));
            return new Parsed(List.of(), rejections);
          }
          continue;
        }
        try {
          Draw draw = toDraw(record);
          Draw earlier = byIssue.putIfAbsent(draw.issue(), draw);
          if (earlier == null) {
            draws.add(draw);
          } else if (!earlier.sameNumbers(draw) || !earlier.date().equals(draw.date())) {
            byIssue.put(draw.issue(), earlier);
            rejections.add(new Rejection(line, "issue " + draw.issue() + " appears again with different numbers or date"));
          }
        } catch (IllegalArgumentException e) {
          rejections.add(new Rejection(line, e.getMessage()));
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new Parsed(List.copyOf(draws), List.copyOf(rejections));
  }

  /** The history shipped inside the jar: every draw from 2003001 on. */
  public static List<Draw> bundled() {
    try (InputStream in = DrawCsv.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("the bundled history " + BUNDLED + " is missing from the classpath");
      }
      Parsed parsed = parse(new InputStreamReader(in, StandardCharsets.UTF_8));
      if (!parsed.clean()) {
        throw new IllegalStateException("the bundled history has bad rows: " + parsed.rejections());
      }
      return parsed.draws();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> headerOf(CSVRecord record) {
    var names = new ArrayList<String>();
    record.forEach(name -> names.add(name.strip().toLowerCase(java.util.Locale.ROOT).replace("\uFEFF", "")));
    return names;
  }

  private static Draw toDraw(CSVRecord record) {
    if (record.size() != HEADER.size()) {
      throw new IllegalArgumentException("expected " + HEADER.size() + " fields, got " + record.size());
    }
    int issue = number(record.get(0), "issue");
    LocalDate date;
    try {
      date = LocalDate.parse(record.get(1));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("bad date '" + record.get(1) + "' (expected YYYY-MM-DD)");
    }
    List<Integer> reds = new ArrayList<>();
    for (int i = 2; i < 8; i++) {
      reds.add(number(record.get(i), "r" + (i - 1)));
    }
    return new Draw(issue, date, reds, number(record.get(8), "blue"));
  }

  private static int number(String text, String field) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " '" + text + "' is not a number");
    }
  }
}
