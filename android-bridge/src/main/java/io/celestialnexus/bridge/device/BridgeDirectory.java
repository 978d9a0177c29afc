package io.celestialnexus.bridge.device;

import io.celestialnexus.engine.device.DeviceDirectory;
import io.celestialnexus.engine.device.DeviceRequestRejected;
import io.celestialnexus.engine.device.DeviceView;
import io.celestialnexus.engine.device.OutgoingReceipt;
import io.celestialnexus.engine.device.OutgoingRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.util.ByteString;

/** The engine's {@link DeviceDirectory} over the {@code devices} node: asks with timeouts, for the HTTP edge. */
public final class BridgeDirectory implements DeviceDirectory {

  private final ActorSystem<?> system;
  private final ActorRef<DeviceManager.Command> devices;
  private final Duration askTimeout;
  private final Duration screenshotTimeout;

  public BridgeDirectory(ActorSystem<?> system, ActorRef<DeviceManager.Command> devices, Duration askTimeout, Duration screenshotTimeout) {
    this.system = system;
    this.devices = devices;
    this.askTimeout = askTimeout;
    this.screenshotTimeout = screenshotTimeout;
  }

  @Override
  public CompletionStage<List<DeviceView>> devices() {
    // the fan-out answers within askTimeout itself; the margin lets it answer before the ask gives up
    return AskPattern.ask(devices, DeviceManager.GetDevices::new, askTimeout.plus(askTimeout), system.scheduler());
  }

  @Override
  public CompletionStage<Optional<DeviceView>> device(String serial) {
    CompletionStage<DeviceView> view =
        AskPattern.askWithStatus(devices, replyTo -> new DeviceManager.GetDevice(serial, replyTo), askTimeout, system.scheduler());
    return view.thenApply(Optional::of)
        .exceptionallyCompose(
            failure -> {
              Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
              if (cause instanceof DeviceRequestRejected rejected && rejected.reason() == DeviceRequestRejected.Reason.UNKNOWN_DEVICE) {
                return CompletableFuture.completedFuture(Optional.empty());
              }
              return CompletableFuture.failedFuture(cause);
            });
  }

  @Override
  public CompletionStage<byte[]> screenshot(String serial) {
    CompletionStage<ByteString> png =
        AskPattern.askWithStatus(
            devices, replyTo -> new DeviceManager.Screenshot(serial, replyTo), screenshotTimeout.plus(askTimeout), system.scheduler());
    return png.thenApply(ByteString::toArray);
  }

  @Override
  public CompletionStage<OutgoingReceipt> send(String serial, OutgoingRequest request) {
    return AskPattern.askWithStatus(devices, replyTo -> new DeviceManager.Send(serial, request, replyTo), askTimeout, system.scheduler());
  }

  @Override
  public CompletionStage<OutgoingReceipt> replay(String serial, String key) {
    return AskPattern.askWithStatus(devices, replyTo -> new DeviceManager.Replay(serial, key, replyTo), askTimeout, system.scheduler());
  }
}
