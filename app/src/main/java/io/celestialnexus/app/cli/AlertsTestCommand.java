package io.celestialnexus.app.cli;

import io.celestialnexus.app.alert.AlertCourier;
import io.celestialnexus.app.alert.AlertCouriers;
import io.celestialnexus.app.alert.AlertMessage;
import io.celestialnexus.app.alert.AlertSettings;
import io.celestialnexus.engine.status.AlertNotice;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Sends one test alert to every configured channel, once each (no retries: the point is to see what a channel
 * answers), and prints one line per channel: {@code sent} or {@code FAILED} with the reason. Exit 0 when every channel
 * took it, 1 when any refused it or none is configured.
 */
@Command(name = "test", description = "Send a test alert to every configured channel; print each outcome (exit 0: all sent).")
public final class AlertsTestCommand implements Callable<Integer> {

  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    AlertSettings settings = config.settings().alerts();
    PrintWriter out = spec.commandLine().getOut();
    if (!settings.anyChannel()) {
      out.println(
          "no alert channel configured: set NEXUS_ALERT_WEBHOOK_URL, NEXUS_ALERT_WECOM_URL, NEXUS_ALERT_DINGTALK_URL, "
              + "NEXUS_ALERT_FEISHU_URL or NEXUS_ALERT_SMTP_HOST (or nexus.alerts.* in the config file)");
      out.flush();
      return 1;
    }
    Instant now = Instant.now();
    var message =
        new AlertMessage(
            settings.nodeName(),
            List.of(
                new AlertMessage.Entry(
                    AlertNotice.Status.FIRING, "TEST", null, 1, now, now,
                    "a test alert sent by `nexus alerts test`; no action needed")));
    List<AlertCourier> couriers = AlertCouriers.of(settings, AlertCouriers.httpClient(settings), Runnable::run, Clock.systemUTC());
    int failed = 0;
    for (AlertCourier courier : couriers) {
      long start = System.nanoTime();
      String outcome;
      try {
        courier.deliver(message).toCompletableFuture().get(settings.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        outcome = "sent (" + (System.nanoTime() - start) / 1_000_000 + " ms)";
      } catch (ExecutionException e) {
        failed++;
        outcome = "FAILED: " + reason(e.getCause());
      } catch (TimeoutException e) {
        failed++;
        outcome = "FAILED: no answer within " + settings.timeout();
      }
      out.printf("%-9s %s%n", courier.channel(), outcome);
    }
    out.flush();
    return failed == 0 ? 0 : 1;
  }

  private static String reason(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && !(cause instanceof AlertCourier.DeliveryFailure)) {
      cause = cause.getCause();
    }
    return cause instanceof AlertCourier.DeliveryFailure ? cause.getMessage() : cause.getClass().getSimpleName();
  }
}
