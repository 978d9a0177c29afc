package io.celestialnexus.engine.status;

import io.celestialnexus.engine.support.SettingsReader;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the status board reads from {@code nexus.engine.status-file} and {@code nexus.engine.alerts}, with the two
 * files it keeps ({@code status.json} and {@code alerts.json} in the node's reports directory).
 *
 * @param minInterval the status file is rewritten at most this often after a change...
 * @param refreshInterval ...and at least this often regardless
 * @param stormRestarts more restarts than this across all tasks inside {@code stormWindow} raise RESTART_STORM
 * @param maxAlerts how many alerts {@code alerts.json} keeps
 * @param taskDownAfter a task failing for longer than this raises TASK_DOWN (PHONE_OFFLINE for a phone); zero: never
 * @param heap when the heap is too full
 */
public record StatusSettings(
    Path statusFile,
    Duration minInterval,
    Duration refreshInterval,
    Path alertsFile,
    int stormRestarts,
    Duration stormWindow,
    int maxAlerts,
    Duration taskDownAfter,
    HeapSettings heap) {

  /**
   * HEAP_HIGH: the heap held more than {@code threshold} of its maximum after collection at {@code checks} consecutive
   * checks, one every {@code interval}.
   */
  public record HeapSettings(double threshold, Duration interval, int checks) {}

  /** Reads the {@code status-file} and {@code alerts} blocks of {@code engine}; the files go in {@code reportsDir}. */
  public static StatusSettings fromConfig(SettingsReader engine, Path reportsDir) {
    var statusFile = engine.at("status-file");
    var alerts = engine.at("alerts");
    return new StatusSettings(
        reportsDir.resolve("status.json"),
        statusFile.positiveDuration("min-interval"),
        statusFile.positiveDuration("refresh-interval"),
        reportsDir.resolve("alerts.json"),
        alerts.integerAtLeast(1, "storm-restarts"),
        alerts.positiveDuration("storm-window"),
        alerts.integerAtLeast(1, "max-entries"),
        alerts.nonNegativeDuration("task-down-after"),
        heap(alerts.at("heap")));
  }

  private static HeapSettings heap(SettingsReader heap) {
    double threshold = heap.number("threshold");
    if (!(threshold > 0 && threshold <= 1)) {
      throw heap.invalid("threshold", "must be a share of the maximum heap, above 0 and at most 1");
    }
    return new HeapSettings(threshold, heap.positiveDuration("interval"), heap.integerAtLeast(1, "checks"));
  }
}
