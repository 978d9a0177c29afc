package io.celestialnexus.bridge.device;

import io.celestialnexus.engine.device.DeviceView;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One {@code GET /api/devices}: asks every phone for its view, collects the answers in the phones' order, and
 * replies once all answered or the timeout passed (a phone that did not answer is left out), then stops.
 */
final class DeviceListQuery {

  sealed interface Command {}

  private record Answered(String serial, DeviceView view) implements Command {}

  private enum TimedOut implements Command {
    INSTANCE
  }

  private final Map<String, DeviceView> answers = new LinkedHashMap<>();
  private final ActorRef<List<DeviceView>> replyTo;

  private DeviceListQuery(List<String> serials, ActorRef<List<DeviceView>> replyTo) {
    serials.forEach(serial -> answers.put(serial, null));
    this.replyTo = replyTo;
  }

  static Behavior<Command> create(
      Map<String, ActorRef<DeviceActor.Command>> devices, Duration timeout, ActorRef<List<DeviceView>> replyTo) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> new DeviceListQuery(List.copyOf(devices.keySet()), replyTo).start(context, timers, devices, timeout)));
  }

  private Behavior<Command> start(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      Map<String, ActorRef<DeviceActor.Command>> devices,
      Duration timeout) {
    if (devices.isEmpty()) {
      replyTo.tell(List.of());
      return Behaviors.stopped();
    }
    // one adapter for all (a second adapter for the same class would replace the first); views name their serial
    ActorRef<DeviceView> answers = context.messageAdapter(DeviceView.class, view -> new Answered(view.serial(), view));
    devices.values().forEach(device -> device.tell(new DeviceActor.GetView(answers)));
    timers.startSingleTimer(TimedOut.INSTANCE, timeout);
    return Behaviors.receive(Command.class)
        .onMessage(Answered.class, this::onAnswered)
        .onMessageEquals(TimedOut.INSTANCE, this::reply)
        .build();
  }

  private Behavior<Command> onAnswered(Answered answered) {
    answers.put(answered.serial(), answered.view());
    return answers.containsValue(null) ? Behaviors.same() : reply();
  }

  private Behavior<Command> reply() {
    replyTo.tell(answers.values().stream().filter(Objects::nonNull).toList());
    return Behaviors.stopped();
  }
}
