package io.celestialnexus.engine.device;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The phones a node drives, as the HTTP edge sees them: a narrow port so that {@code http} never depends on
 * {@code android-bridge}. The bridge implements it; a node without phones uses {@link #unavailable()}.
 *
 * <p>Every stage completes within the implementation's own timeout. Failures are
 * {@link DeviceRequestRejected} (unknown device, device unavailable, invalid message, queue full) or a
 * {@link java.util.concurrent.TimeoutException}.
 */
public interface DeviceDirectory {

  /** Every known phone, configured or discovered, in a stable order. */
  CompletionStage<List<DeviceView>> devices();

  /** One phone, or empty when no phone has that serial. */
  CompletionStage<Optional<DeviceView>> device(String serial);

  /** A PNG of the phone's screen, taken in its turn between the phone's other operations. */
  CompletionStage<byte[]> screenshot(String serial);

  /** Queues a text message to a chat; answers at once with the message's idempotency key and state. */
  CompletionStage<OutgoingReceipt> send(String serial, OutgoingRequest request);

  /**
   * Queues a dead letter again under its own key, with fresh attempts (an operator's replay after fixing what made
   * it fail); refused when the phone keeps no dead letter with that key, or when it has nothing to send.
   */
  CompletionStage<OutgoingReceipt> replay(String serial, String key);

  /** A node without phones: no devices, every serial unknown. */
  static DeviceDirectory unavailable() {
    return new DeviceDirectory() {
      @Override
      public CompletionStage<List<DeviceView>> devices() {
        return CompletableFuture.completedFuture(List.of());
      }

      @Override
      public CompletionStage<Optional<DeviceView>> device(String serial) {
        return CompletableFuture.completedFuture(Optional.empty());
      }

      @Override
      public CompletionStage<byte[]> screenshot(String serial) {
        return CompletableFuture.failedFuture(DeviceRequestRejected.unknownDevice(serial));
      }

      @Override
      public CompletionStage<OutgoingReceipt> send(String serial, OutgoingRequest request) {
        return CompletableFuture.failedFuture(DeviceRequestRejected.unknownDevice(serial));
      }

      @Override
      public CompletionStage<OutgoingReceipt> replay(String serial, String key) {
        return CompletableFuture.failedFuture(DeviceRequestRejected.unknownDevice(serial));
      }
    };
  }
}
