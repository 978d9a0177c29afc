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
import io.celestialnexus.engine.status.ErrorInfo;
import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.engine.status.TaskStatus;
import io.celestialnexus.engine.support.EngineClock;
import io.celestialnexus.engine.task.TaskKeeper;
import io.celestialnexus.engine.task.TaskState;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
 * One phone ({@code device-<serial>} under {@code devices}). It owns the phone's state: the outgoing queue
 * (one message at a time, each with an idempotency key, its attempts and the chat's tail before it was typed), the dead letters, the incoming
 * messages already seen (by dedup key), the chats a round opened but did not finish, what it last saw of each
 * chat (last text, preview), and what the phone last said about itself (WeChat version, selectors, last seen).
 *
 * <p>The phone's rounds run as the engine task {@code device-<serial>} under a {@link TaskKeeper} child, so a
 * phone that disconnects, goes offline or times out is retried with the engine's backoff and shows in
 * {@code /status} like any task; this actor sees the keeper's reports on their way to the status board. A
 * round that dies while sending costs that message one attempt; the next attempt looks for its bubble before
 * typing, so nothing is sent twice, and after the last attempt the message is dead-lettered (kept, counted,
 * logged), never dropped. Incoming messages are answered by the node's {@link SkillRouter}; a reply that fails
 * or times out is dead-lettered too.
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

  /** A PNG of the screen, taken in its turn. */
  public record TakeScreenshot(ActorRef<StatusReply<ByteString>> replyTo) implements Command {}

  /** Let the current round finish (at most {@code timeout}), then stop the phone's task: shutdown. */
  public record Drain(Duration timeout, ActorRef<Done> replyTo) implements Command {}

  record Identified(String version, String selectors, boolean fallback) implements Command {}

  record Seen(Instant at) implements Command {}

  record BeginRound(ActorRef<DeviceLink.RoundStart> replyTo) implements Command {}

  record ChatOpened(String chat, int unread) implements Command {}

  /** {@code preview} is the chat-list row's preview when the chat was opened from there, else null. */
  record Received(String chat, List<ChatMessage> messages, int unread, String lastText, String preview) implements Command {
    Received {
      messages = List.copyOf(messages);
    }
  }

  record NextWork(Duration maxWait, ActorRef<DeviceLink.Assignment> replyTo) implements Command {}

  record Armed(String key, List<String> tail) implements Command {
    Armed {
      tail = List.copyOf(tail);
    }
  }

  record Sent(String key, boolean alreadyThere) implements Command {}

  record SendFailed(String key, String reason) implements Command {}

  record ScreenshotTaken(long id, ByteString png) implements Command {}

  private record KeeperReport(StatusBoard.Command report) implements Command {}

  private record ReplyReady(ChatMessage message, ChatReply reply) implements Command {}

  private record ReplyFailed(ChatMessage message, Throwable cause) implements Command {}

  private record ScreenshotDeadline(long id) implements Command {}

  private enum WaitElapsed implements Command {
    INSTANCE
  }

  /** A message waiting to be sent. Replaced, never mutated. */
  private record Outgoing(String key, String chat, String text, int attempts, List<String> before, String lastError) {
    Outgoing attempted() {
      return new Outgoing(key, chat, text, attempts + 1, before, lastError);
    }

    Outgoing failed(String reason) {
      return new Outgoing(key, chat, text, attempts, before, reason);
    }

    Outgoing armed(List<String> tail) {
      return before != null ? this : new Outgoing(key, chat, text, attempts, tail, lastError);
    }
  }

  private static final String WAIT_TIMER = "wait";
  private static final int FINISHED_KEYS = 1_000;

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

  private final LinkedHashMap<String, Outgoing> queue = new LinkedHashMap<>();
  private final Map<String, OutgoingReceipt.Status> finished = lru(FINISHED_KEYS);
  private final Map<String, Boolean> seen;
  private final Map<String, ChatMemory> chats = lru(FINISHED_KEYS);
  private final Deque<DeviceView.DeadLetter> deadLetters = new ArrayDeque<>();
  private final Map<String, Integer> pendingChats = new LinkedHashMap<>();
  private final Deque<Long> screenshotQueue = new ArrayDeque<>();
  private final Map<Long, ActorRef<StatusReply<ByteString>>> screenshotWaiters = new LinkedHashMap<>();

  private String inFlight;
  private ActorRef<DeviceLink.Assignment> waiter;
  private TaskStatus task;
  private String wechatVersion;
  private String selectors = "not read yet";
  private boolean selectorsFallback;
  private Instant lastSeen;
  private long received;
  private long sent;
  private long nextScreenshot;

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
    this.seen = lru(settings.rememberedMessages());
    var link = new ActorDeviceLink(context.getSelf(), context.getSystem(), settings.askTimeout());
    var task = new DeviceTask(endpoint, settings, connector, link, meters, clock, () -> ThreadLocalRandom.current().nextDouble(), pauses);
    // The keeper reports to us first (we learn the phone's supervision state) and we pass every report on.
    ActorRef<StatusBoard.Command> reports = context.messageAdapter(StatusBoard.Command.class, KeeperReport::new);
    // The keeper only fails through a bug of its own; restarting it starts the phone's rounds over.
    this.keeper =
        context.spawn(
            Behaviors.supervise(TaskKeeper.create(
                    task, reports, clock, registry, () -> ThreadLocalRandom.current().nextDouble(), settings.timelineEvents()))
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
    return newReceiveBuilder()
        .onMessage(GetView.class, this::onGetView)
        .onMessage(Describe.class, this::onDescribe)
        .onMessage(Send.class, this::onSend)
        .onMessage(TakeScreenshot.class, this::onTakeScreenshot)
        .onMessage(Drain.class, this::onDrain)
        .onMessage(Identified.class, this::onIdentified)
        .onMessage(Seen.class, this::onSeen)
        .onMessage(BeginRound.class, this::onBeginRound)
        .onMessage(ChatOpened.class, this::onChatOpened)
        .onMessage(Received.class, this::onReceived)
        .onMessage(NextWork.class, this::onNextWork)
        .onMessage(Armed.class, this::onArmed)
        .onMessage(Sent.class, this::onSent)
        .onMessage(SendFailed.class, this::onSendFailed)
        .onMessage(ScreenshotTaken.class, this::onScreenshotTaken)
        .onMessage(KeeperReport.class, this::onKeeperReport)
        .onMessage(ReplyReady.class, this::onReplyReady)
        .onMessage(ReplyFailed.class, this::onReplyFailed)
        .onMessage(ScreenshotDeadline.class, this::onScreenshotDeadline)
        .onMessageEquals(WaitElapsed.INSTANCE, this::onWaitElapsed)
        .onSignal(PreRestart.class, signal -> onPreRestart())
        .build();
  }

  // ---- operators and the API

  private Behavior<Command> onGetView(GetView query) {
    query.replyTo().tell(view());
    return this;
  }

  private Behavior<Command> onDescribe(Describe query) {
    query.replyTo().tell(StatusReply.success(view()));
    return this;
  }

  private Behavior<Command> onSend(Send command) {
    OutgoingRequest request = command.request();
    String problem = invalid(request);
    if (problem != null) {
      return refuse(command.replyTo(), DeviceRequestRejected.Reason.INVALID, problem);
    }
    String key = request.key() == null || request.key().isBlank() ? UUID.randomUUID().toString() : request.key().strip();
    OutgoingReceipt.Status known = queue.containsKey(key) ? OutgoingReceipt.Status.QUEUED : finished.get(key);
    if (known != null) {
      command.replyTo().tell(StatusReply.success(new OutgoingReceipt(endpoint.serial(), key, known, queue.size())));
      return this;
    }
    if (queue.size() >= settings.send().maxQueue()) {
      return refuse(
          command.replyTo(),
          DeviceRequestRejected.Reason.QUEUE_FULL,
          endpoint.serial() + " has " + queue.size() + " messages waiting (nexus.bridge.send.max-queue); try again later");
    }
    enqueue(new Outgoing(key, request.chat().strip(), request.text(), 0, null, null));
    command.replyTo().tell(StatusReply.success(new OutgoingReceipt(endpoint.serial(), key, OutgoingReceipt.Status.QUEUED, queue.size())));
    return this;
  }

  private String invalid(OutgoingRequest request) {
    if (request.chat() == null || request.chat().isBlank()) {
      return "chat is required: the name of the conversation as the phone's chat list shows it";
    }
    if (request.text() == null || request.text().isBlank()) {
      return "text is required and must not be blank";
    }
    int length = request.text().codePointCount(0, request.text().length());
    if (length > settings.send().maxTextLength()) {
      return "text has " + length + " characters; at most " + settings.send().maxTextLength() + " are sent (nexus.bridge.send.max-text-length)";
    }
    return null;
  }

  private <T> Behavior<Command> refuse(ActorRef<StatusReply<T>> replyTo, DeviceRequestRejected.Reason reason, String detail) {
    DeviceMeters.rejected(registry, reason);
    replyTo.tell(StatusReply.error(new DeviceRequestRejected(reason, detail)));
    return this;
  }

  private Behavior<Command> onTakeScreenshot(TakeScreenshot command) {
    if (!connected()) {
      return refuse(command.replyTo(), DeviceRequestRejected.Reason.UNAVAILABLE, unavailable());
    }
    long id = ++nextScreenshot;
    screenshotQueue.add(id);
    screenshotWaiters.put(id, command.replyTo());
    timers.startSingleTimer("screenshot-" + id, new ScreenshotDeadline(id), settings.screenshotTimeout());
    offerWork();
    return this;
  }

  private Behavior<Command> onScreenshotDeadline(ScreenshotDeadline deadline) {
    screenshotQueue.remove(deadline.id());
    ActorRef<StatusReply<ByteString>> replyTo = screenshotWaiters.remove(deadline.id());
    if (replyTo != null) {
      refuse(replyTo, DeviceRequestRejected.Reason.UNAVAILABLE, endpoint.serial() + " took no screenshot within " + settings.screenshotTimeout());
    }
    return this;
  }

  private Behavior<Command> onDrain(Drain drain) {
    keeper.tell(new TaskKeeper.Drain(drain.timeout(), drain.replyTo()));
    return this;
  }

  // ---- the phone's rounds

  private Behavior<Command> onIdentified(Identified identified) {
    if (!Objects.equals(wechatVersion, identified.version()) && identified.fallback()) {
      getContext().getLog().warn("{}: {}", endpoint.serial(), identified.selectors());
    }
    wechatVersion = identified.version();
    selectors = identified.selectors();
    selectorsFallback = identified.fallback();
    return this;
  }

  private Behavior<Command> onSeen(Seen seenAt) {
    lastSeen = seenAt.at();
    return this;
  }

  private Behavior<Command> onBeginRound(BeginRound begin) {
    begin.replyTo().tell(new DeviceLink.RoundStart(Map.copyOf(pendingChats), Map.copyOf(chats)));
    return this;
  }

  private Behavior<Command> onChatOpened(ChatOpened opened) {
    pendingChats.merge(opened.chat(), opened.unread(), Math::max);
    return this;
  }

  /**
   * Answers each message not seen before. The first time a chat is seen (since this actor started), the messages
   * above its newest {@code unread} are taken as answered: they were read before the bridge looked, and answering
   * a screenful of history would be wrong. After that, any new message on the chat's screen is answered, also one
   * that arrived while the bridge had the chat open (WeChat shows no badge for it).
   */
  private Behavior<Command> onReceived(Received read) {
    pendingChats.remove(read.chat());
    List<ChatMessage> messages = read.messages();
    ChatMemory before = chats.get(read.chat());
    chats.put(read.chat(), new ChatMemory(read.lastText(), read.preview() != null ? read.preview() : before == null ? null : before.preview()));
    if (before == null) {
      List<ChatMessage> history = messages.subList(0, Math.max(0, messages.size() - read.unread()));
      history.forEach(message -> seen.putIfAbsent(message.dedupKey(), Boolean.TRUE));
      messages = messages.subList(history.size(), messages.size());
    }
    for (ChatMessage message : messages) {
      if (seen.putIfAbsent(message.dedupKey(), Boolean.TRUE) == null) {
        received++;
        meters.received();
        getContext().getLog().info("{}: message from '{}' ({} chars)", endpoint.serial(), message.sender(), message.text().length());
        askRouter(message);
      }
    }
    return this;
  }

  private void askRouter(ChatMessage message) {
    CompletionStage<ChatReply> reply;
    try {
      reply = router.reply(message);
    } catch (RuntimeException e) {
      reply = CompletableFuture.failedFuture(e);
    }
    // a copy, so the timeout never completes the router's own future
    CompletableFuture<ChatReply> bounded =
        reply.toCompletableFuture().copy().orTimeout(settings.replyTimeout().toMillis(), TimeUnit.MILLISECONDS);
    getContext().pipeToSelf(bounded, (answer, error) -> error == null ? new ReplyReady(message, answer) : new ReplyFailed(message, error));
  }

  private Behavior<Command> onReplyReady(ReplyReady ready) {
    String text = render(ready.reply());
    if (text == null) {
      return this; // the skills chose to say nothing
    }
    String key = "reply:" + ready.message().dedupKey();
    if (queue.containsKey(key) || finished.containsKey(key)) {
      return this;
    }
    var outgoing = new Outgoing(key, ready.message().sender(), text, 0, null, null);
    if (queue.size() >= settings.send().maxQueue()) {
      deadLetter(outgoing, "queue full (" + queue.size() + " waiting)");
    } else {
      enqueue(outgoing);
    }
    return this;
  }

  private Behavior<Command> onReplyFailed(ReplyFailed failed) {
    ChatMessage message = failed.message();
    String reason = "no reply to '" + message.text() + "': " + ErrorInfo.of(failed.cause(), clock.instant()).message();
    deadLetter(new Outgoing("reply:" + message.dedupKey(), message.sender(), "", 0, null, null), reason);
    return this;
  }

  /** Text as the phone sends it; news articles become their titles, descriptions and links. Null for silence. */
  private String render(ChatReply reply) {
    if (reply instanceof ChatReply.Text text) {
      return cut(text.content());
    }
    if (reply instanceof ChatReply.News news) {
      return cut(
          news.articles().stream()
              .map(article -> String.join("\n", nonNull(article.title()), nonNull(article.description()), nonNull(article.url())).strip())
              .collect(Collectors.joining("\n\n")));
    }
    return null;
  }

  private String cut(String text) {
    int max = settings.send().maxTextLength();
    return text.codePointCount(0, text.length()) <= max ? text : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
  }

  private static String nonNull(String text) {
    return text == null ? "" : text;
  }

  private Behavior<Command> onNextWork(NextWork ask) {
    if (waiter != null) {
      waiter.tell(assignment(DeviceLink.NoWork.INSTANCE));
    }
    waiter = ask.replyTo();
    if (!offerWork()) {
      timers.startSingleTimer(WAIT_TIMER, WaitElapsed.INSTANCE, ask.maxWait());
    }
    return this;
  }

  private Behavior<Command> onWaitElapsed() {
    if (waiter != null) {
      waiter.tell(assignment(DeviceLink.NoWork.INSTANCE));
      waiter = null;
    }
    return this;
  }

  /** Hands the next unit of work to a waiting round: screenshots first, then the oldest message. */
  private boolean offerWork() {
    if (waiter == null || inFlight != null) {
      return false;
    }
    DeviceLink.Work work = null;
    if (!screenshotQueue.isEmpty()) {
      work = new DeviceLink.ScreenshotWork(screenshotQueue.poll());
    } else if (!queue.isEmpty()) {
      Outgoing next = queue.values().iterator().next().attempted();
      queue.put(next.key(), next);
      inFlight = next.key();
      work = new DeviceLink.SendWork(next.key(), next.chat(), next.text(), next.attempts(), next.before());
    }
    if (work == null) {
      return false;
    }
    timers.cancel(WAIT_TIMER);
    waiter.tell(assignment(work));
    waiter = null;
    return true;
  }

  private Behavior<Command> onArmed(Armed armed) {
    queue.computeIfPresent(armed.key(), (key, outgoing) -> outgoing.armed(armed.tail()));
    return this;
  }

  private Behavior<Command> onSent(Sent done) {
    Outgoing outgoing = queue.remove(done.key());
    if (done.key().equals(inFlight)) {
      inFlight = null;
    }
    if (outgoing != null) {
      sent++;
      meters.sent();
      finished.put(done.key(), OutgoingReceipt.Status.SENT);
      getContext()
          .getLog()
          .info("{}: sent {} to '{}'{}", endpoint.serial(), done.key(), outgoing.chat(), done.alreadyThere() ? " (found sent by an earlier attempt)" : "");
    }
    meters.queueLength(queue.size());
    return this;
  }

  private Behavior<Command> onSendFailed(SendFailed failed) {
    if (failed.key().equals(inFlight)) {
      inFlight = null;
    }
    meters.sendFailed(DeviceMeters.SendFailure.SCREEN);
    attemptFailed(failed.key(), failed.reason());
    return this;
  }

  private void attemptFailed(String key, String reason) {
    Outgoing outgoing = queue.get(key);
    if (outgoing == null) {
      return;
    }
    getContext().getLog().warn("{}: attempt {} to send {} failed: {}", endpoint.serial(), outgoing.attempts(), key, reason);
    if (outgoing.attempts() >= settings.send().maxAttempts()) {
      deadLetter(outgoing, reason);
    } else {
      queue.put(key, outgoing.failed(reason));
    }
  }

  private void deadLetter(Outgoing outgoing, String reason) {
    queue.remove(outgoing.key());
    finished.put(outgoing.key(), OutgoingReceipt.Status.DEAD_LETTERED);
    deadLetters.addFirst(
        new DeviceView.DeadLetter(outgoing.key(), outgoing.chat(), outgoing.text(), outgoing.attempts(), reason, clock.instant()));
    while (deadLetters.size() > settings.deadLetters()) {
      deadLetters.removeLast();
    }
    meters.deadLettered();
    meters.queueLength(queue.size());
    getContext().getLog().warn("{}: dead-lettered {} to '{}' after {} attempts: {}", endpoint.serial(), outgoing.key(), outgoing.chat(), outgoing.attempts(), reason);
  }

  private Behavior<Command> onScreenshotTaken(ScreenshotTaken taken) {
    timers.cancel("screenshot-" + taken.id());
    ActorRef<StatusReply<ByteString>> replyTo = screenshotWaiters.remove(taken.id());
    if (replyTo != null) {
      replyTo.tell(StatusReply.success(taken.png()));
    }
    return this;
  }

  /**
   * The keeper's report, passed on to the board. A new error means the round died: the message it was sending
   * loses an attempt, the screenshots it owed are refused, and its wait is void.
   */
  private Behavior<Command> onKeeperReport(KeeperReport report) {
    board.tell(report.report());
    if (report.report() instanceof StatusBoard.TaskUpdated update) {
      ErrorInfo before = task == null ? null : task.lastError();
      task = update.status();
      if (task.lastError() != null && !task.lastError().equals(before)) {
        onRoundFailed(task.lastError());
      }
    }
    return this;
  }

  private void onRoundFailed(ErrorInfo error) {
    waiter = null;
    timers.cancel(WAIT_TIMER);
    if (inFlight != null) {
      meters.sendFailed(DeviceMeters.SendFailure.DEVICE);
      String key = inFlight;
      inFlight = null;
      attemptFailed(key, "the phone failed mid-send: " + error.message());
    }
    screenshotQueue.clear();
    for (Iterator<Map.Entry<Long, ActorRef<StatusReply<ByteString>>>> it = screenshotWaiters.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, ActorRef<StatusReply<ByteString>>> waiting = it.next();
      timers.cancel("screenshot-" + waiting.getKey());
      refuse(waiting.getValue(), DeviceRequestRejected.Reason.UNAVAILABLE, endpoint.serial() + " failed: " + error.message());
      it.remove();
    }
  }

  private Behavior<Command> onPreRestart() {
    if (!queue.isEmpty()) {
      getContext().getLog().error("{}: restarting after a bug; {} queued messages are lost: {}", endpoint.serial(), queue.size(), queue.keySet());
    }
    return this;
  }

  // ---- state

  private void enqueue(Outgoing outgoing) {
    queue.put(outgoing.key(), outgoing);
    meters.queueLength(queue.size());
    offerWork();
  }

  private DeviceLink.Assignment assignment(DeviceLink.Work work) {
    return new DeviceLink.Assignment(work, queue.size(), deadLetters.size(), received, sent);
  }

  /** The round can take work now: its task is starting or running (not backing off, stopped or paused). */
  private boolean connected() {
    return task == null || task.state() == TaskState.STARTING || task.state() == TaskState.RUNNING;
  }

  private String unavailable() {
    String why = task.lastError() == null ? "" : ": " + task.lastError().message();
    return endpoint.serial() + " is " + task.state() + why;
  }

  private DeviceView view() {
    return new DeviceView(
        endpoint.serial(),
        endpoint.describe(),
        origin,
        task == null ? TaskState.STARTING : task.state(),
        lastSeen,
        wechatVersion,
        selectors,
        selectorsFallback,
        queue.size(),
        received,
        sent,
        task == null ? 0 : task.consecutiveFailures(),
        task == null ? 0 : task.totalRestarts(),
        task == null ? null : task.lastError(),
        task == null ? null : task.nextRestartAt(),
        new ArrayList<>(deadLetters));
  }

  private static <K, V> Map<K, V> lru(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }
}
