package io.celestialnexus.engine.ssq.state;

import static io.celestialnexus.engine.metrics.StateMetricNames.DRAWS_RECORDED;
import static io.celestialnexus.engine.metrics.StateMetricNames.DRAWS_REJECTED;
import static io.celestialnexus.engine.metrics.StateMetricNames.TAG_REASON;
import static io.celestialnexus.engine.metrics.StateMetricNames.TAG_SOURCE;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.DrawCsv;
import io.celestialnexus.persistence.CborSerializable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Imports a history CSV ({@code issue,date,r1..r6,blue} with a header) into {@link DrawHistory}: the rule shared
 * by {@code nexus import-history} and {@code POST /api/draws/import}. Every bad row, and every row whose issue
 * the journal holds with other numbers, is reported as {@code line N: reason}. Without {@code skipInvalid} the
 * import is all-or-nothing; with it the good rows are recorded. Importing the same file again adds nothing.
 */
public final class HistoryImport {

  /** Asks the history to record draws (an ask with a timeout at the edge that uses this). */
  @FunctionalInterface
  public interface Recorder {
    CompletionStage<DrawHistory.Recorded> record(List<Draw> draws, boolean allOrNothing);
  }

  /** What an import did. {@code applied} is false when an all-or-nothing import stored nothing. */
  public record Report(int rows, int added, int unchanged, List<String> rejected, boolean applied) implements CborSerializable {

    public String summary() {
      return rows + " rows: " + added + " added, " + unchanged + " already recorded, " + rejected.size() + " rejected"
          + (applied ? "" : "; nothing imported (every row must be valid; --skip-invalid imports the good ones)");
    }
  }

  private final MeterRegistry registry;

  public HistoryImport(MeterRegistry registry) {
    this.registry = registry;
  }

  public CompletionStage<Report> run(String csv, boolean skipInvalid, String source, Recorder recorder) {
    DrawCsv.Parsed parsed;
    try {
      parsed = DrawCsv.parse(new StringReader(csv));
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    List<String> rejected = new ArrayList<>();
    parsed.rejections().forEach(rejection -> rejected.add(rejection.toString()));
    countRejected(source, "invalid", parsed.rejections().size());
    int rows = parsed.draws().size() + parsed.rejections().size();
    if (!skipInvalid && !rejected.isEmpty()) {
      return CompletableFuture.completedFuture(new Report(rows, 0, 0, List.copyOf(rejected), false));
    }
    if (parsed.draws().isEmpty()) {
      return CompletableFuture.completedFuture(new Report(rows, 0, 0, List.copyOf(rejected), true));
    }
    Map<Integer, Long> lines = linesOf(csv);
    return recorder
        .record(parsed.draws(), !skipInvalid)
        .thenApply(
            recorded -> {
              for (DrawHistory.Conflict conflict : recorded.conflicts()) {
                rejected.add("line " + lines.getOrDefault(conflict.issue(), 0L) + ": " + conflict.reason());
              }
              countRejected(source, "conflict", recorded.conflicts().size());
              countRecorded(registry, source, recorded.added().size());
              return new Report(rows, recorded.added().size(), recorded.unchanged().size(), List.copyOf(sortByLine(rejected)), recorded.applied());
            });
  }

  /** Counts draws stored from {@code source} (api, cli, import, bundled). */
  public static void countRecorded(MeterRegistry registry, String source, int count) {
    Counter.builder(DRAWS_RECORDED).description("Draws newly recorded in the history, by source").tag(TAG_SOURCE, source)
        .register(registry).increment(count);
  }

  /** Counts draws refused from {@code source}: {@code invalid} (bad row or value) or {@code conflict} (differs from the journal). */
  public static void countRejected(MeterRegistry registry, String source, String reason, int count) {
    Counter.builder(DRAWS_REJECTED).description("Draws refused, by source and reason (invalid or conflict)")
        .tag(TAG_SOURCE, source).tag(TAG_REASON, reason).register(registry).increment(count);
  }

  private void countRejected(String source, String reason, int count) {
    countRejected(registry, source, reason, count);
  }

  /** The line each issue first appears on (1-based, the header is line 1), as DrawCsv counts them. */
  private static Map<Integer, Long> linesOf(String csv) {
    Map<Integer, Long> lines = new HashMap<>();
    long number = 0;
    for (String line : csv.split("\n", -1)) {
      number++;
      int comma = line.indexOf(',');
      if (comma > 0) {
        try {
          lines.putIfAbsent(Integer.parseInt(line.substring(0, comma).strip()), number);
        } catch (NumberFormatException notAnIssue) {
          // header or a bad row, reported by DrawCsv already
        }
      }
    }
    return lines;
  }

  private static List<String> sortByLine(List<String> rejected) {
    List<String> sorted = new ArrayList<>(rejected);
    sorted.sort(java.util.Comparator.comparingLong(HistoryImport::lineNumber));
    return sorted;
  }

  private static long lineNumber(String rejection) {
    try {
      return Long.parseLong(rejection.substring("line ".length(), rejection.indexOf(':')));
    } catch (RuntimeException e) {
      return Long.MAX_VALUE;
    }
  }
}
