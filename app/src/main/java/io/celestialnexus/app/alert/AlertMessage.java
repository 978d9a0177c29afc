package io.celestialnexus.app.alert;

import io.celestialnexus.engine.status.AlertNotice;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One message to people: one or more grouped alerts from one node, as every channel renders it (a title, plain text,
 * markdown). Long lists and long texts are cut, so that a storm fits the robots' size limits (WeCom's markdown: 4,096
 * bytes).
 */
public record AlertMessage(String node, List<Entry> entries) {

  /** At most this many entries are spelled out; the rest are counted. */
  static final int SHOWN_ENTRIES = 10;
  /** An alert's text is cut to this many characters. */
  static final int TEXT_LIMIT = 200;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  /**
   * One alert's group: {@code count} raises of {@code kind} about {@code subject} between {@code first} and
   * {@code last}, with the newest text; or its resolution.
   */
  public record Entry(
      AlertNotice.Status status, String kind, String subject, int count, Instant first, Instant last, String text) {

    public boolean resolved() {
      return status == AlertNotice.Status.RESOLVED;
    }

    /** {@code FLAPPING ssq-cycle ×3}. */
    String headline() {
      return kind + (subject == null ? "" : " " + subject) + (count > 1 ? " ×" + count : "");
    }
  }

  public AlertMessage {
    entries = List.copyOf(entries);
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("a message needs at least one alert");
    }
  }

  /** Whether every entry is a resolution. */
  public boolean allResolved() {
    return entries.stream().allMatch(Entry::resolved);
  }

  /** {@code FIRING} or {@code RESOLVED}; a digest with any firing alert is {@code FIRING}. */
  public AlertNotice.Status status() {
    return allResolved() ? AlertNotice.Status.RESOLVED : AlertNotice.Status.FIRING;
  }

  /** {@code [FIRING] FLAPPING ssq-cycle ×3 on node-1}, or {@code [FIRING] 5 alerts on node-1} for a digest. */
  public String title() {
    String what = entries.size() == 1 ? entries.get(0).headline() : entries.size() + " alerts";
    return "[" + status() + "] " + what + " on " + node;
  }

  /** The title, then one line per alert: what every text channel gets. */
  public String text() {
    var out = new StringBuilder("Celestial Nexus ").append(title()).append('\n');
    shown().forEach(
        entry ->
            out.append('\n')
                .append('[').append(entry.status()).append("] ").append(entry.headline()).append(": ").append(cut(entry.text()))
                .append(" (").append(span(entry)).append(')'));
    if (entries.size() > SHOWN_ENTRIES) {
      out.append("\n…and ").append(entries.size() - SHOWN_ENTRIES).append(" more");
    }
    return out.toString();
  }

  /** The same as markdown (WeCom, DingTalk). */
  public String markdown() {
    var out = new StringBuilder("### Celestial Nexus ").append(escape(title())).append('\n');
    shown().forEach(
        entry ->
            out.append("\n- **").append(entry.status()).append("** `").append(entry.kind()).append('`')
                .append(entry.subject() == null ? "" : " " + escape(entry.subject()))
                .append(entry.count() > 1 ? " ×" + entry.count() : "")
                .append(": ").append(escape(cut(entry.text())))
                .append(" (").append(span(entry)).append(')'));
    if (entries.size() > SHOWN_ENTRIES) {
      out.append("\n- …and ").append(entries.size() - SHOWN_ENTRIES).append(" more");
    }
    return out.toString();
  }

  private List<Entry> shown() {
    return entries.subList(0, Math.min(SHOWN_ENTRIES, entries.size()));
  }

  private static String span(Entry entry) {
    return entry.first().equals(entry.last()) ? TIME.format(entry.first()) : TIME.format(entry.first()) + " – " + TIME.format(entry.last());
  }

  private static String cut(String text) {
    String oneLine = text == null ? "" : text.replace('\n', ' ').replace('\r', ' ');
    return oneLine.length() > TEXT_LIMIT ? oneLine.substring(0, TEXT_LIMIT) + "…" : oneLine;
  }

  /** Markdown's emphasis and code marks in alert texts would garble the message. */
  private static String escape(String text) {
    return text.replaceAll("([*_`\\[\\]<>#])", "\\\\$1");
  }
}
