package io.celestialnexus.engine.status;

/** Names of the status board's meters ({@code nexus_alerts_total{kind}}, ...). Kinds are fixed words. */
public final class StatusMetricNames {

  private StatusMetricNames() {}

  public static final String ALERTS = "nexus.alerts";
  public static final String STATUS_FILE_WRITE_FAILURES = "nexus.status.file.write.failures";

  public static final String TAG_KIND = "kind";
}
