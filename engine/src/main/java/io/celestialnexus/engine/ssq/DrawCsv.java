package io.celestialnexus.engine.ssq;

import java.io.BufferedReader;
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
  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setTrim(true).get();

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
    BufferedReader lines = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader);
    boolean header = true;
    long line = 0;
    for (String text = lines.readLine(); text != null; text = lines.readLine()) {
      line++;
      if (text.isEmpty()) {
        continue;
      }
      List<String> fields;
      try {
        fields = fields(text);
      } catch (MalformedRow e) {
        rejections.add(new Rejection(line, e.getMessage()));
        if (header) {
          return new Parsed(List.of(), rejections);
        }
        continue;
      }
      if (header) {
        header = false;
        if (!headerOf(fields).equals(HEADER)) {
          rejections.add(new Rejection(line, "header must be " + String.join(",", HEADER) + ", was " + String.join(",", fields)));
          return new Parsed(List.of(), rejections);
        }
        continue;
      }
      try {
        Draw draw = toDraw(fields);
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
    return new Parsed(List.copyOf(draws), List.copyOf(rejections));
  }

  /**
   * The fields of one line. Each line is parsed on its own (no draw field ever holds a line break), so a malformed
   * quoted field costs its own line only: it is reported as that line's rejection, and the lines after it are read
   * as usual instead of being swallowed into an unclosed quote or ending the whole file with commons-csv's
   * exception.
   */
  private static List<String> fields(String line) throws MalformedRow {
    try (CSVParser parser = CSVParser.parse(line, FORMAT)) {
      List<CSVRecord> records = parser.getRecords();
      return records.isEmpty() ? List.of() : records.get(0).toList();
    } catch (IOException | UncheckedIOException e) {
      throw new MalformedRow(e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e);
    }
  }

  /** A line commons-csv cannot split into fields: a stray or unclosed quote. */
  private static final class MalformedRow extends Exception {
    private static final java.util.regex.Pattern POSITION = java.util.regex.Pattern.compile("position: ([0-9,]+)");

    MalformedRow(Throwable cause) {
      super(reason(cause), cause, false, false);
    }

    private static String reason(Throwable cause) {
      var position = POSITION.matcher(String.valueOf(cause.getMessage()));
      return "malformed quoted field" + (position.find() ? " near character " + position.group(1).replace(",", "") : "")
          + " (a quoted field must start and end with a quote and close on the same line)";
    }
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

  private static List<String> headerOf(List<String> fields) {
    var names = new ArrayList<String>();
    fields.forEach(name -> names.add(name.strip().toLowerCase(java.util.Locale.ROOT).replace("\uFEFF", "")));
    return names;
  }

  private static Draw toDraw(List<String> record) {
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
