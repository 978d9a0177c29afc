package io.celestialnexus.bridge.device;

import io.celestialnexus.bridge.BridgeSettings;
import io.celestialnexus.bridge.adb.AdbConnector;
import io.celestialnexus.bridge.adb.AdbEndpoint;
import io.celestialnexus.bridge.wechat.Pauses;
import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.chat.SkillRouter;
import io.celestialnexus.engine.device.DeviceRequestRejected;
import io.celestialnexus.engine.device.DeviceView;
import io.celestialnexus.engine.device.OutgoingReceipt;
import io.celestialnexus.engine.device.OutgoingRequest;
import io.celestialnexus.engine.status.Alert;
import io.celestialnexus.engine.status.ErrorInfo;
import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.engine.status.TaskState;
import io.celestialnexus.engine.status.TaskStatus;
import io.celestialnexus.engine.support.EngineClock;
import io.celestialnexus.engine.task.TaskKeeper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.util.ByteString;

/**
 * One phone ({@code device-<serial>} under {@code devices}): the coordinator of the phone's plain parts. It owns them
 * and translates messages into their calls, logs and meters what they decide, and keeps the timers:
 * <ul>
 *   <li>{@link OutgoingQueue}: what is sent, in which order, how often it is tried, what becomes a dead letter;
 *   <li>{@link InboundFilter}: which incoming messages are new, what was last seen of each chat, which chats a round
 *       opened but did not finish;
 *   <li>{@link PendingScreenshots}: screenshots asked for and who waits for them;
 *   <li>{@link PhoneReply}: a skill's reply as the phone types it.
 * </ul>
 * Itself it keeps what the phone last said about itself (WeChat version, selectors, last seen), its task's last
 * status, the round waiting for work (with the chat it has open when it waits there for that chat's replies), and
 * per chat how many answers the skills are still working on (so a round in a chat waits only when one is coming).
 *
 * <p>The phone's rounds run as the engine task {@code device-<serial>} under a {@link TaskKeeper} child, so a
 * phone that disconnects, goes offline or times out is retried with the engine's backoff and shows in
 * {@code /status} like any task; its status reports pass through this actor on their way to the board (it needs
 * the task's state to refuse requests while the phone is away). When a round dies the keeper says so
 * ({@link TaskKeeper.IncarnationFailed}): the message it was sending was interrupted, maybe after its send tap (the
 * next attempt looks for its bubble before typing, so nothing is sent twice, and an interruption is not a failed
 * attempt, so a message that was sent is not dead-lettered; see {@link OutgoingQueue}), the
 * screenshots it owed are refused, and its wait for work is void. Incoming messages are answered by the node's
 * {@link SkillRouter}; a reply that fails or times out is dead-lettered too.
 *
 * <p>If this actor fails (a bug), its parent restarts it: the keeper and the phone's connection start over,
 * and what was queued is logged as lost.
 */
public final class DeviceActor extends AbstractBehavior<DeviceActor.Command> {

  public sealed interface Command {}

  /** The phone as an operator sees it. */
  public record GetView(ActorRef<DeviceView> replyTo) implements Command {}

  /** The same, wrapped as a status reply (for asks that may also be answered "unknown device"). */
  public record Describe(ActorRef<StatusReply<DeviceView>> replyTo) implements Command {}

  /** Queue a text to a chat (API); answers the receipt, or an error naming why it was refused. */
  public record Send(OutgoingRequest request, ActorRef<StatusReply<OutgoingReceipt>> replyTo) implements Command {}

  /** Queue dead letter {@code key} again (API, admin); answers the receipt, or why it was refused. */
  public record Replay(String key, ActorRef<StatusReply<OutgoingReceipt>> replyTo) implements Command {}

  /** A PNG of the screen, taken in its turn. */
  public record TakeScreenshot(ActorRef<StatusReply<ByteString>> replyTo) implements Command {}

  /** Let the current round finish (at most {@code timeout}), then stop the phone's task: shutdown. */
  public record Drain(Duration timeout, ActorRef<Done> replyTo) implements Command {}

  record Identified(String version, String selectors, boolean fallback) implements Command {}

  record Seen(Instant at) implements Command {}

  record BeginRound(ActorRef<DeviceLink.RoundStart> replyTo) implements Command {}

  record ChatOpened(String chat, int unread) implements Command {}

  /** {@code preview} is the chat-list row's preview when the chat was opened from there, else null. */
  record Received(String chat, List<ChatMessage> messages, List<String> screen, int unread, String preview) implements Command {
    Received {
      messages = List.copyOf(messages);
      screen = List.copyOf(screen);
    }
  }

  record NextWork(Duration maxWait, ActorRef<DeviceLink.Assignment> replyTo) implements Command {}

  /** Work for the chat the round has open: see {@link DeviceLink#nextFor}. */
  record NextReplyFor(String chat, Duration maxWait, ActorRef<DeviceLink.Assignment> replyTo) implements Command {}

  record Armed(String key, List<String> tail) implements Command {
    Armed {
      tail = List.copyOf(tail);
    }
  }

  record Sent(String key, boolean alreadyThere) implements Command {}

  record SendFailed(String key, String reason) implements Command {}

  record ScreenshotTaken(long id, ByteString png) implements Command {}

  private record KeeperReport(StatusBoard.Command report) implements Command {}

  private record RoundFailed(TaskKeeper.IncarnationFailed failure) implements Command {}

  private record ReplyReady(ChatMessage message, ChatReply reply) implements Command {}

  private record ReplyFailed(ChatMessage message, Throwable cause) implements Command {}

  private record ScreenshotDeadline(long id) implements Command {}

  private enum WaitElapsed implements Command {
    INSTANCE
  }

  private static final String WAIT_TIMER = "wait";

  private final AdbEndpoint endpoint;
  private final String origin;
  private final BridgeSettings settings;
  private final SkillRouter router;
  private final ActorRef<StatusBoard.Command> board;
  private final EngineClock clock;
  private final TimerScheduler<Command> timers;
  private final MeterRegistry registry;
  private final DeviceMeters meters;
  private final ActorRef<TaskKeeper.Command> keeper;
  private final OutgoingQueue outgoing;
  private final InboundFilter inbound;
  private final PendingScreenshots<ActorRef<StatusReply<ByteString>>> screenshots = new PendingScreenshots<>();

  private Identified identity = new Identified(null, "not read yet", false);
  private Instant lastSeen;
  private TaskStatus task;
  private ActorRef<DeviceLink.Assignment> waiter;
  /** The chat the waiting round has open (it takes only that chat's messages), or null: it takes any work. */
  private String waiterChat;
  /** Per chat, the messages whose answers the skills are still working on. */
  private final Map<String, Integer> answering = new HashMap<>();

  private DeviceActor(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      AdbEndpoint endpoint,
      String origin,
      BridgeSettings settings,
      AdbConnector connector,
      SkillRouter router,
      ActorRef<StatusBoard.Command> board,
      EngineClock clock,
      MeterRegistry registry,
      Pauses pauses) {
    super(context);
    this.endpoint = endpoint;
    this.origin = origin;
    this.settings = settings;
    this.router = router;
    this.board = board;
    this.clock = clock;
    this.timers = timers;
    this.registry = registry;
    this.meters = new DeviceMeters(registry, endpoint.serial());
    this.outgoing = new OutgoingQueue(endpoint.serial(), settings.send(), settings.deadLetters(), clock);
    this.inbound = new InboundFilter(settings.rememberedMessages());
    var link = new ActorDeviceLink(context.getSelf(), context.getSystem(), settings.askTimeout());
    var task = new DeviceTask(endpoint, settings, connector, link, meters, clock, () -> ThreadLocalRandom.current().nextDouble(), pauses);
    // The keeper's status reports reach the board through us (we keep the task's state); its failures come to us only.
    ActorRef<StatusBoard.Command> reports = context.messageAdapter(StatusBoard.Command.class, KeeperReport::new);
    ActorRef<TaskKeeper.IncarnationFailed> failures = context.messageAdapter(TaskKeeper.IncarnationFailed.class, RoundFailed::new);
    // The keeper only fails through a bug of its own; restarting it starts the phone's rounds over.
    this.keeper =
        context.spawn(
            Behaviors.supervise(TaskKeeper.create(
                    task, reports, failures, clock, registry, () -> ThreadLocalRandom.current().nextDouble(), settings.timelineEvents()))
                .onFailure(SupervisorStrategy.restart()),
            "rounds");
  }

  /**
   * @param origin {@code config} or {@code discovered}
   * @param pauses the human-like pauses between UI actions (and the sleeps between dump retries)
   */
  public static Behavior<Command> create(
      AdbEndpoint endpoint,
      String origin,
      BridgeSettings settings,
      AdbConnector connector,
      SkillRouter router,
      ActorRef<StatusBoard.Command> board,
      EngineClock clock,
      MeterRegistry registry,
      Pauses pauses) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers ->
                    new DeviceActor(context, timers, endpoint, origin, settings, connector, router, board, clock, registry, pauses)));
  }

  @Override
  public Receive<Command> createReceive() {
    // pure queries are answered inline; every message that changes state has its handler
    return newReceiveBuilder()
        .onMessage(GetView.class, query -> reply(query.replyTo(), view()))
        .onMessage(Describe.class, query -> reply(query.replyTo(), StatusReply.success(view())))
        .onMessage(Send.class, this::onSend)
        .onMessage(Replay.class, this::onReplay)
        .onMessage(TakeScreenshot.class, this::onTakeScreenshot)
        .onMessage(Drain.class, this::onDrain)
        .onMessage(Identified.class, this::onIdentified)
        .onMessage(Seen.class, this::onSeen)
        .onMessage(
            BeginRound.class,
            begin -> reply(begin.replyTo(), new DeviceLink.RoundStart(inbound.unfinishedChats(), inbound.chats(), inbound.abandonedChats())))
        .onMessage(ChatOpened.class, this::onChatOpened)
        .onMessage(Received.class, this::onReceived)
        .onMessage(NextWork.class, this::onNextWork)
        .onMessage(NextReplyFor.class, this::onNextReplyFor)
        .onMessage(Armed.class, this::onArmed)
        .onMessage(Sent.class, this::onSent)
        .onMessage(SendFailed.class, this::onSendFailed)
        .onMessage(ScreenshotTaken.class, this::onScreenshotTaken)
        .onMessage(KeeperReport.class, this::onKeeperReport)
        .onMessage(RoundFailed.class, this::onRoundFailed)
        .onMessage(ReplyReady.class, this::onReplyReady)
        .onMessage(ReplyFailed.class, this::onReplyFailed)
        .onMessage(ScreenshotDeadline.class, this::onScreenshotDeadline)
        .onMessageEquals(WaitElapsed.INSTANCE, this::onWaitElapsed)
        .onSignal(PreRestart.class, signal -> onPreRestart())
        .build();
  }

  // ---- operators and the API

  private Behavior<Command> onSend(Send command) {
    return answerRequest(outgoing.request(command.request()), command.replyTo());
  }

  private Behavior<Command> onReplay(Replay command) {
    return answerRequest(outgoing.replay(command.key()), command.replyTo());
  }

  private Behavior<Command> answerRequest(OutgoingQueue.RequestOutcome outcome, ActorRef<StatusReply<OutgoingReceipt>> replyTo) {
    if (outcome instanceof OutgoingQueue.Refused refused) {
      return refuse(replyTo, refused.reason(), refused.detail());
    }
    var accepted = (OutgoingQueue.Accepted) outcome; // the only other RequestOutcome
    if (accepted.added()) {
      queueChanged();
    }
    var receipt = new OutgoingReceipt(endpoint.serial(), accepted.key(), accepted.status(), outgoing.length());
    return reply(replyTo, StatusReply.success(receipt));
  }

  private Behavior<Command> onTakeScreenshot(TakeScreenshot command) {
    if (!connected()) {
      return refuse(command.replyTo(), DeviceRequestRejected.Reason.UNAVAILABLE, unavailable());
    }
    long id = screenshots.add(command.replyTo());
    timers.startSingleTimer(screenshotTimer(id), new ScreenshotDeadline(id), settings.screenshotTimeout());
    offerWork();
    return this;
  }

  private Behavior<Command> onScreenshotDeadline(ScreenshotDeadline deadline) {
    String why = endpoint.serial() + " took no screenshot within " + settings.screenshotTimeout();
    screenshots.expired(deadline.id()).ifPresent(replyTo -> refuse(replyTo, DeviceRequestRejected.Reason.UNAVAILABLE, why));
    return this;
  }

  private Behavior<Command> onDrain(Drain drain) {
    keeper.tell(new TaskKeeper.Drain(drain.timeout(), drain.replyTo()));
    return this;
  }

  // ---- the phone's rounds

  private Behavior<Command> onIdentified(Identified identified) {
    if (!Objects.equals(identity.version(), identified.version()) && identified.fallback()) {
      getContext().getLog().warn("{}: {}", endpoint.serial(), identified.selectors());
    }
    identity = identified;
    return this;
  }

  private Behavior<Command> onSeen(Seen seen) {
    lastSeen = seen.at();
    return this;
  }

  private Behavior<Command> onChatOpened(ChatOpened opened) {
    if (inbound.chatOpened(opened.chat(), opened.unread())) {
      getContext()
          .getLog()
          .warn(
              "{}: '{}' was opened {} times without showing its chat; it is left alone until its badge grows",
              endpoint.serial(),
              opened.chat(),
              InboundFilter.MAX_OPENS);
    }
    return this;
  }

  private Behavior<Command> onReceived(Received read) {
    for (ChatMessage message : inbound.read(read.chat(), read.messages(), read.screen(), read.unread(), read.preview())) {
      meters.received();
      answering.merge(message.sender(), 1, Integer::sum);
      getContext().getLog().info("{}: message from '{}' ({} chars)", endpoint.serial(), message.sender(), message.text().length());
      getContext()
          .pipeToSelf(
              PhoneReply.ask(router, message, settings.replyTimeout()),
              (answer, error) -> error == null ? new ReplyReady(message, answer) : new ReplyFailed(message, error));
    }
    return this;
  }

  private Behavior<Command> onReplyReady(ReplyReady ready) {
    answered(ready.message());
    Optional<String> text = PhoneReply.text(ready.reply(), settings.send().maxTextLength());
    if (text.isPresent()) { // else the skills chose to say nothing
      OutgoingQueue.ReplyOutcome outcome = outgoing.reply(replyKey(ready.message()), ready.message().sender(), text.get());
      if (outcome instanceof OutgoingQueue.DeadLettered dead) {
        deadLettered(dead.letter());
      } else if (outcome instanceof OutgoingQueue.Accepted accepted && accepted.added()) {
        meters.queueLength(outgoing.length());
      }
    }
    offerWork(); // the reply, or (a round waiting in the chat for it) word that none is coming
    return this;
  }

  private Behavior<Command> onReplyFailed(ReplyFailed failed) {
    ChatMessage message = failed.message();
    answered(message);
    String reason = "no reply to '" + message.text() + "': " + ErrorInfo.of(failed.cause(), clock.instant()).message();
    deadLettered(outgoing.unanswered(replyKey(message), message.sender(), reason));
    offerWork();
    return this;
  }

  private void answered(ChatMessage message) {
    answering.computeIfPresent(message.sender(), (chat, count) -> count > 1 ? count - 1 : null);
  }

  private Behavior<Command> onNextWork(NextWork ask) {
    return await(ask.replyTo(), null, ask.maxWait());
  }

  private Behavior<Command> onNextReplyFor(NextReplyFor ask) {
    return await(ask.replyTo(), ask.chat(), ask.maxWait());
  }

  /** The round waits for work (only {@code chat}'s when not null) up to {@code maxWait}; an earlier wait is void. */
  private Behavior<Command> await(ActorRef<DeviceLink.Assignment> replyTo, String chat, Duration maxWait) {
    if (waiter != null) {
      waiter.tell(assignment(DeviceLink.NoWork.INSTANCE));
    }
    waiter = replyTo;
    waiterChat = chat;
    if (!offerWork()) {
      timers.startSingleTimer(WAIT_TIMER, WaitElapsed.INSTANCE, maxWait);
    }
    return this;
  }

  private Behavior<Command> onWaitElapsed() {
    if (waiter != null) {
      waiter.tell(assignment(DeviceLink.NoWork.INSTANCE));
      waiter = null;
      waiterChat = null;
    }
    return this;
  }

  /**
   * Hands the next unit of work to a waiting round: screenshots first, then the oldest message. A round waiting in a
   * chat gets only that chat's messages, and is let go at once when no answer for the chat is on its way.
   */
  private boolean offerWork() {
    if (waiter == null || outgoing.sending()) {
      return false;
    }
    Optional<DeviceLink.Work> work;
    if (waiterChat != null) {
      work = outgoing.nextFor(waiterChat).map(DeviceLink.Work.class::cast);
      if (work.isEmpty() && !answering.containsKey(waiterChat)) {
        work = Optional.of(DeviceLink.NoWork.INSTANCE);
      }
    } else {
      OptionalLong screenshot = screenshots.takeNext();
      work =
          screenshot.isPresent()
              ? Optional.of(new DeviceLink.ScreenshotWork(screenshot.getAsLong()))
              : outgoing.next().map(DeviceLink.Work.class::cast);
    }
    work.ifPresent(
        next -> {
          timers.cancel(WAIT_TIMER);
          waiter.tell(assignment(next));
          waiter = null;
          waiterChat = null;
        });
    return work.isPresent();
  }

  private Behavior<Command> onArmed(Armed armed) {
    outgoing.armed(armed.key(), armed.tail());
    return this;
  }

  private Behavior<Command> onSent(Sent done) {
    String how = done.alreadyThere() ? " (found sent by an earlier attempt)" : "";
    outgoing.sent(done.key()).ifPresent(chat -> {
      meters.sent();
      getContext().getLog().info("{}: sent {} to '{}'{}", endpoint.serial(), done.key(), chat, how);
    });
    meters.queueLength(outgoing.length());
    return this;
  }

  private Behavior<Command> onSendFailed(SendFailed failed) {
    meters.sendFailed(DeviceMeters.SendFailure.SCREEN);
    outgoing.failed(failed.key(), failed.reason()).ifPresent(attempt -> attemptFailed(attempt, failed.reason()));
    return this;
  }

  private Behavior<Command> onScreenshotTaken(ScreenshotTaken taken) {
    timers.cancel(screenshotTimer(taken.id()));
    screenshots.taken(taken.id()).ifPresent(replyTo -> replyTo.tell(StatusReply.success(taken.png())));
    return this;
  }

  /** The keeper's report, passed on to the board; the task's status is kept for {@link #connected()} and the view. */
  private Behavior<Command> onKeeperReport(KeeperReport report) {
    board.tell(report.report());
    if (report.report() instanceof StatusBoard.TaskUpdated update) {
      task = update.status();
    }
    return this;
  }

  /** The round died: its message was interrupted, the screenshots it owed are refused, its wait is void. */
  private Behavior<Command> onRoundFailed(RoundFailed failed) {
    String error = failed.failure().error().message();
    waiter = null;
    waiterChat = null;
    timers.cancel(WAIT_TIMER);
    String reason = "the phone failed mid-send: " + error;
    outgoing.roundFailed(reason).ifPresent(attempt -> {
      meters.sendFailed(DeviceMeters.SendFailure.DEVICE);
      attemptFailed(attempt, reason);
    });
    screenshots.abandonAll().forEach((id, replyTo) -> {
      timers.cancel(screenshotTimer(id));
      refuse(replyTo, DeviceRequestRejected.Reason.UNAVAILABLE, endpoint.serial() + " failed: " + error);
    });
    return this;
  }

  private Behavior<Command> onPreRestart() {
    if (outgoing.length() > 0) {
      getContext()
          .getLog()
          .error("{}: restarting after a bug; {} queued messages are lost: {}", endpoint.serial(), outgoing.length(), outgoing.waitingKeys());
    }
    return this;
  }

  // ---- what the parts decided, logged and metered

  private void queueChanged() {
    meters.queueLength(outgoing.length());
    offerWork();
  }

  private void attemptFailed(OutgoingQueue.AttemptFailed attempt, String reason) {
    getContext().getLog().warn("{}: attempt {} to send {} failed: {}", endpoint.serial(), attempt.attempts(), attempt.key(), reason);
    if (attempt.gaveUp()) {
      deadLettered(attempt.deadLetter());
    }
  }

  private void deadLettered(DeviceView.DeadLetter letter) {
    meters.deadLettered();
    meters.queueLength(outgoing.length());
    getContext()
        .getLog()
        .warn("{}: dead-lettered {} to '{}' after {} attempts: {}", endpoint.serial(), letter.key(), letter.chat(), letter.attempts(), letter.reason());
    // the alert goes to people's group chats: it names neither the contact nor the text, and the reason may name the
    // contact, so it stays in the log and the API's dead letters
    board.tell(
        new StatusBoard.RaiseAlert(
            Alert.PHONE_DEAD_LETTER,
            Alert.PHONE_TASK_PREFIX + endpoint.serial(),
            "a message was given up after " + letter.attempts() + " attempt(s); the reason is in GET /api/devices/"
                + endpoint.serial() + " and the log"));
  }

  private <T> Behavior<Command> refuse(ActorRef<StatusReply<T>> replyTo, DeviceRequestRejected.Reason reason, String detail) {
    DeviceMeters.rejected(registry, reason);
    return reply(replyTo, StatusReply.error(new DeviceRequestRejected(reason, detail)));
  }

  private <T> Behavior<Command> reply(ActorRef<T> replyTo, T answer) {
    replyTo.tell(answer);
    return this;
  }

  private DeviceLink.Assignment assignment(DeviceLink.Work work) {
    return new DeviceLink.Assignment(work, outgoing.length(), outgoing.deadLetterCount(), inbound.received(), outgoing.sentCount());
  }

  /** The round can take work now: its task is starting or running (not backing off, stopped or paused). */
  private boolean connected() {
    return task == null || task.state() == TaskState.STARTING || task.state() == TaskState.RUNNING;
  }

  private String unavailable() {
    String why = task.lastError() == null ? "" : ": " + task.lastError().message();
    return endpoint.serial() + " is " + task.state() + why;
  }

  private static String replyKey(ChatMessage message) {
    return "reply:" + message.dedupKey();
  }

  private static String screenshotTimer(long id) {
    return "screenshot-" + id;
  }

  private DeviceView view() {
    return new DeviceView(
        endpoint.serial(),
        endpoint.describe(),
        origin,
        task == null ? TaskState.STARTING : task.state(),
        lastSeen,
        identity.version(),
        identity.selectors(),
        identity.fallback(),
        outgoing.length(),
        inbound.received(),
        outgoing.sentCount(),
        task == null ? 0 : task.consecutiveFailures(),
        task == null ? 0 : task.totalRestarts(),
        task == null ? null : task.lastError(),
        task == null ? null : task.nextRestartAt(),
        outgoing.deadLetters(),
        outgoing.queued());
  }
}
