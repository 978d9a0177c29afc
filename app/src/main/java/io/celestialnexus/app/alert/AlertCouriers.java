package io.celestialnexus.app.alert;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** The couriers of the configured channels, in {@link AlertSettings#channelNames()} order; none when none is set. */
public final class AlertCouriers {

  private AlertCouriers() {}

  /** HTTP channels share {@code http}; SMTP sessions run on {@code io}. */
  public static List<AlertCourier> of(AlertSettings settings, HttpClient http, Executor io, Clock clock) {
    var couriers = new ArrayList<AlertCourier>();
    var timeout = settings.timeout();
    settings.webhook().ifPresent(url -> couriers.add(HttpCourier.webhook(url, http, timeout, clock)));
    settings.wecom().ifPresent(url -> couriers.add(HttpCourier.wecom(url, http, timeout)));
    settings.dingtalk().ifPresent(robot -> couriers.add(HttpCourier.dingtalk(robot, http, timeout, clock)));
    settings.feishu().ifPresent(robot -> couriers.add(HttpCourier.feishu(robot, http, timeout, clock)));
    settings.smtp().ifPresent(smtp -> couriers.add(new SmtpCourier(smtp, timeout, io, clock)));
    return List.copyOf(couriers);
  }

  /** The client the HTTP channels share: its connect timeout is the delivery timeout. */
  public static HttpClient httpClient(AlertSettings settings) {
    return HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
  }
}
