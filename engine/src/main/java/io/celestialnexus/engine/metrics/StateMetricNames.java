package io.celestialnexus.engine.metrics;

/**
 * Names of the storage and event-sourced state meters ({@code nexus_storage_up}, {@code nexus_draws_rejected_total},
 * ...). Tags are bounded: sources and reasons are fixed words.
 */
public final class StateMetricNames {

  private StateMetricNames() {}

  /** 1 while the storage check passes, 0 while it fails. */
  public static final String STORAGE_UP = "nexus.storage.up";
  /** Storage checks by outcome. */
  public static final String STORAGE_CHECKS = "nexus.storage.checks";
  /** Draws newly recorded, by source. */
  public static final String DRAWS_RECORDED = "nexus.draws.recorded";
  /** Draws refused (invalid row, conflict with the journal), by source and reason. */
  public static final String DRAWS_REJECTED = "nexus.draws.rejected";

  public static final String TAG_OUTCOME = "outcome";
  public static final String TAG_SOURCE = "source";
  public static final String TAG_REASON = "reason";
}
