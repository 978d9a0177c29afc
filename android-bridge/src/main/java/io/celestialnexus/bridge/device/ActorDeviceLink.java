package io.celestialnexus.bridge.device;

import io.celestialnexus.engine.chat.ChatMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.util.ByteString;

/**
 * The {@link DeviceLink} of a {@link DeviceActor}: tells, and asks that block the round's thread. Each ask is
 * bounded twice, by Pekko's ask timeout and by the blocking wait itself, so a round never hangs on its actor
 * even when the scheduler's time is manual (tests).
 */
final class ActorDeviceLink implements DeviceLink {

  private final ActorRef<DeviceActor.Command> device;
  private final ActorSystem<?> system;
  private final Duration askTimeout;

  ActorDeviceLink(ActorRef<DeviceActor.Command> device, ActorSystem<?> system, Duration askTimeout) {
    this.device = device;
    this.system = system;
    this.askTimeout = askTimeout;
  }

  @Override
  public void identified(String version, String selectors, boolean fallback) {
    device.tell(new DeviceActor.Identified(version, selectors, fallback));
  }

  @Override
  public void seen(Instant at) {
    device.tell(new DeviceActor.Seen(at));
  }

  @Override
  public DeviceLink.RoundStart beginRound() throws InterruptedException, TimeoutException {
    return ask(DeviceActor.BeginRound::new, Duration.ZERO);
  }

  @Override
  public void chatOpened(String chat, int unread) {
    device.tell(new DeviceActor.ChatOpened(chat, unread));
  }

  @Override
  public void received(String chat, List<ChatMessage> messages, List<String> screen, int unread, String preview) {
    device.tell(new DeviceActor.Received(chat, messages, screen, unread, preview));
  }

  @Override
  public DeviceLink.Assignment nextWork(Duration maxWait) throws InterruptedException, TimeoutException {
    return ask(replyTo -> new DeviceActor.NextWork(maxWait, replyTo), maxWait);
  }

  @Override
  public DeviceLink.Assignment nextFor(String chat, Duration maxWait) throws InterruptedException, TimeoutException {
    return ask(replyTo -> new DeviceActor.NextReplyFor(chat, maxWait, replyTo), maxWait);
  }

  @Override
  public void armed(String key, List<String> tail) {
    device.tell(new DeviceActor.Armed(key, tail));
  }

  @Override
  public void sent(String key, boolean alreadyThere) {
    device.tell(new DeviceActor.Sent(key, alreadyThere));
  }

  @Override
  public void sendFailed(String key, String reason) {
    device.tell(new DeviceActor.SendFailed(key, reason));
  }

  @Override
  public void screenshot(long id, byte[] png) {
    device.tell(new DeviceActor.ScreenshotTaken(id, ByteString.fromArray(png)));
  }

  private <T> T ask(Function<ActorRef<T>, DeviceActor.Command> request, Duration wait) throws InterruptedException, TimeoutException {
    Duration limit = wait.plus(askTimeout);
    try {
      return AskPattern.<DeviceActor.Command, T>ask(device, request::apply, limit, system.scheduler())
          .toCompletableFuture()
          .get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new TimeoutException("the phone's actor did not answer: " + e.getCause());
    }
  }
}
