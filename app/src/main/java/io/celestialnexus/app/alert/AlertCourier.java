package io.celestialnexus.app.alert;

import java.util.concurrent.CompletionStage;

/**
 * Delivers one message to one channel. A courier neither retries nor queues (the dispatcher does both): its stage
 * completes when the channel accepted the message, or fails with a {@link DeliveryFailure} saying whether trying again
 * may help. It never puts the channel's URL or secret in a failure (they carry tokens).
 */
public interface AlertCourier {

  String WEBHOOK = "webhook";
  String WECOM = "wecom";
  String DINGTALK = "dingtalk";
  String FEISHU = "feishu";
  String SMTP = "smtp";

  /** The channel's name, a fixed word: {@code webhook}, {@code wecom}, {@code dingtalk}, {@code feishu}, {@code smtp}. */
  String channel();

  CompletionStage<Void> deliver(AlertMessage message);

  /** Why a delivery failed, and whether a later attempt may succeed (a network error, 5xx) or not (a bad signature). */
  final class DeliveryFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public DeliveryFailure(String reason, boolean retryable) {
      super(reason, null, false, false);
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }
}
