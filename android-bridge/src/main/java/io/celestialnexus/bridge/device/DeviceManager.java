package io.celestialnexus.bridge.device;

import io.celestialnexus.bridge.BridgeSettings;
import io.celestialnexus.bridge.adb.AdbConnector;
import io.celestialnexus.bridge.adb.AdbEndpoint;
import io.celestialnexus.bridge.adb.AdbServerClient;
import io.celestialnexus.bridge.wechat.Pauses;
import io.celestialnexus.engine.chat.SkillRouter;
import io.celestialnexus.engine.device.DeviceRequestRejected;
import io.celestialnexus.engine.device.DeviceView;
import io.celestialnexus.engine.device.OutgoingReceipt;
import io.celestialnexus.engine.device.OutgoingRequest;
import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.engine.support.EngineClock;
import io.celestialnexus.engine.task.TaskKeeper;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.util.ByteString;

/**
 * The {@code devices} node: one {@link DeviceActor} per phone, from configuration and (when discovery is on)
 * from the adb server's device list, plus the {@code adb-discovery} task that reads that list. It routes
 * requests to the named phone and drains every phone on shutdown; it holds nothing but its children.
 *
 * <p>Each phone is one-for-one: a phone's failures stay inside its own actor and task. If this actor fails (a
 * bug), its parent restarts it and every phone starts over.
 */
public final class DeviceManager extends AbstractBehavior<DeviceManager.Command> {

  public sealed interface Command {}

  /** Every phone's view, in the order phones were added. */
  public record GetDevices(ActorRef<List<DeviceView>> replyTo) implements Command {}

  /** One phone's view; an error for an unknown serial. */
  public record GetDevice(String serial, ActorRef<StatusReply<DeviceView>> replyTo) implements Command {}

  public record Send(String serial, OutgoingRequest request, ActorRef<StatusReply<OutgoingReceipt>> replyTo) implements Command {}

  /** Queue the dead letter {@code key} of phone {@code serial} again. */
  public record Replay(String serial, String key, ActorRef<StatusReply<OutgoingReceipt>> replyTo) implements Command {}

  public record Screenshot(String serial, ActorRef<StatusReply<ByteString>> replyTo) implements Command {}

  /** Lets every phone finish its round (each at most {@code timeout}), then stops their tasks. */
  public record DrainAll(Duration timeout, ActorRef<Done> replyTo) implements Command {}

  /** The adb server's current device list (from the discovery task). */
  record Discovered(List<AdbServerClient.ListedDevice> devices) implements Command {
    Discovered {
      devices = List.copyOf(devices);
    }
  }

  private enum DeviceDrained implements Command {
    INSTANCE
  }

  private final BridgeSettings settings;
  private final AdbConnector connector;
  private final SkillRouter router;
  private final ActorRef<StatusBoard.Command> board;
  private final EngineClock clock;
  private final MeterRegistry registry;
  private final Pauses pauses;
  private final Map<String, ActorRef<DeviceActor.Command>> devices = new LinkedHashMap<>();
  private final List<ActorRef<Done>> drainWaiters = new ArrayList<>();
  private ActorRef<TaskKeeper.Command> discovery;
  private int stillDraining = -1;

  private DeviceManager(
      ActorContext<Command> context,
      BridgeSettings settings,
      AdbConnector connector,
      SkillRouter router,
      ActorRef<StatusBoard.Command> board,
      EngineClock clock,
      MeterRegistry registry,
      Pauses pauses) {
    super(context);
    this.settings = settings;
    this.connector = connector;
    this.router = router;
    this.board = board;
    this.clock = clock;
    this.registry = registry;
    this.pauses = pauses;
    settings.devices().forEach(device -> add(device.endpoint(), "config"));
    if (settings.discovery().enabled()) {
      // like a phone's keeper: it only fails through a bug of its own, and then discovery starts over
      discovery =
          context.spawn(
              Behaviors.supervise(
                      TaskKeeper.create(
                          new DiscoveryTask(settings, context.getSelf()),
                          board,
                          clock,
                          registry,
                          () -> ThreadLocalRandom.current().nextDouble(),
                          settings.timelineEvents()))
                  .onFailure(SupervisorStrategy.restart()),
              DiscoveryTask.NAME);
    }
  }

  /** The bridge with the human-like pauses of its settings. */
  public static Behavior<Command> create(
      BridgeSettings settings,
      AdbConnector connector,
      SkillRouter router,
      ActorRef<StatusBoard.Command> board,
      EngineClock clock,
      MeterRegistry registry) {
    var phone = settings.phone();
    Pauses pauses =
        new Pauses(phone.pauseMin(), phone.pauseMax(), () -> ThreadLocalRandom.current().nextDouble(), duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos()));
    return Behaviors.setup(context -> new DeviceManager(context, settings, connector, router, board, clock, registry, pauses));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(GetDevices.class, this::onGetDevices)
        .onMessage(GetDevice.class, this::onGetDevice)
        .onMessage(Send.class, this::onSend)
        .onMessage(Replay.class, this::onReplay)
        .onMessage(Screenshot.class, this::onScreenshot)
        .onMessage(Discovered.class, this::onDiscovered)
        .onMessage(DrainAll.class, this::onDrainAll)
        .onMessageEquals(DeviceDrained.INSTANCE, this::onDeviceDrained)
        .build();
  }

  private void add(AdbEndpoint endpoint, String origin) {
    getContext().getLog().info("driving phone {} ({}, from {})", endpoint.serial(), endpoint.describe(), origin);
    // A phone actor fails only through a bug; restarting it reconnects the phone with fresh state.
    ActorRef<DeviceActor.Command> device =
        getContext()
            .spawn(
                Behaviors.supervise(DeviceActor.create(endpoint, origin, settings, connector, router, board, clock, registry, pauses))
                    .onFailure(SupervisorStrategy.restart()),
                "device-" + URLEncoder.encode(endpoint.serial(), StandardCharsets.UTF_8));
    devices.put(endpoint.serial(), device);
  }

  private Behavior<Command> onGetDevices(GetDevices query) {
    getContext().spawnAnonymous(DeviceListQuery.create(Map.copyOf(devices), settings.askTimeout(), query.replyTo()));
    return this;
  }

  private Behavior<Command> onGetDevice(GetDevice query) {
    ActorRef<DeviceActor.Command> device = devices.get(query.serial());
    if (device == null) {
      return unknown(query.serial(), query.replyTo());
    }
    device.tell(new DeviceActor.Describe(query.replyTo()));
    return this;
  }

  private Behavior<Command> onSend(Send send) {
    ActorRef<DeviceActor.Command> device = devices.get(send.serial());
    if (device == null) {
      return unknown(send.serial(), send.replyTo());
    }
    device.tell(new DeviceActor.Send(send.request(), send.replyTo()));
    return this;
  }

  private Behavior<Command> onReplay(Replay replay) {
    ActorRef<DeviceActor.Command> device = devices.get(replay.serial());
    if (device == null) {
      return unknown(replay.serial(), replay.replyTo());
    }
    device.tell(new DeviceActor.Replay(replay.key(), replay.replyTo()));
    return this;
  }

  private Behavior<Command> onScreenshot(Screenshot screenshot) {
    ActorRef<DeviceActor.Command> device = devices.get(screenshot.serial());
    if (device == null) {
      return unknown(screenshot.serial(), screenshot.replyTo());
    }
    device.tell(new DeviceActor.TakeScreenshot(screenshot.replyTo()));
    return this;
  }

  private <T> Behavior<Command> unknown(String serial, ActorRef<StatusReply<T>> replyTo) {
    DeviceMeters.rejected(registry, DeviceRequestRejected.Reason.UNKNOWN_DEVICE);
    replyTo.tell(StatusReply.error(DeviceRequestRejected.unknownDevice(serial)));
    return this;
  }

  private Behavior<Command> onDiscovered(Discovered discovered) {
    if (stillDraining >= 0) {
      return this;
    }
    var server = settings.discovery();
    for (AdbServerClient.ListedDevice listed : discovered.devices()) {
      if (!devices.containsKey(listed.serial())) {
        add(new AdbEndpoint.ViaServer(listed.serial(), server.host(), server.port()), "discovered");
      }
    }
    return this;
  }

  private Behavior<Command> onDrainAll(DrainAll drain) {
    drainWaiters.add(drain.replyTo());
    if (stillDraining < 0) {
      ActorRef<Done> drained = getContext().messageAdapter(Done.class, done -> DeviceDrained.INSTANCE);
      stillDraining = devices.size() + (discovery == null ? 0 : 1);
      devices.values().forEach(device -> device.tell(new DeviceActor.Drain(drain.timeout(), drained)));
      if (discovery != null) {
        discovery.tell(new TaskKeeper.Drain(drain.timeout(), drained));
      }
    }
    return replyIfDrained();
  }

  private Behavior<Command> onDeviceDrained() {
    stillDraining--;
    return replyIfDrained();
  }

  private Behavior<Command> replyIfDrained() {
    if (stillDraining == 0) {
      drainWaiters.forEach(waiter -> waiter.tell(Done.getInstance()));
      drainWaiters.clear();
    }
    return this;
  }
}
