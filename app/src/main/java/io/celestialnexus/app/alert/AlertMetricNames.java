package io.celestialnexus.app.alert;

/**
 * Names of the alert dispatcher's meters: {@code nexus_alerts_delivered_total{channel,outcome}} counts each channel's
 * deliveries by outcome: {@code sent}, {@code retried} (an attempt failed and another follows) and {@code failed}
 * (given up: the message never reached that channel).
 */
public final class AlertMetricNames {

  private AlertMetricNames() {}

  public static final String DELIVERED = "nexus.alerts.delivered";
  public static final String TAG_CHANNEL = "channel";
  public static final String TAG_OUTCOME = "outcome";
  public static final String SENT = "sent";
  public static final String RETRIED = "retried";
  public static final String FAILED = "failed";
}
