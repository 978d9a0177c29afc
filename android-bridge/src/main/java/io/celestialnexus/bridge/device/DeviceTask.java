package io.celestialnexus.bridge.device;

import io.celestialnexus.bridge.BridgeSettings;
import io.celestialnexus.bridge.adb.AdbConnector;
import io.celestialnexus.bridge.adb.AdbDevice;
import io.celestialnexus.bridge.adb.AdbEndpoint;
import io.celestialnexus.bridge.ui.UiDump;
import io.celestialnexus.bridge.ui.UiDumpException;
import io.celestialnexus.bridge.ui.UiDumpParser;
import io.celestialnexus.bridge.wechat.Bubble;
import io.celestialnexus.bridge.wechat.ChatRow;
import io.celestialnexus.bridge.wechat.Pauses;
import io.celestialnexus.bridge.wechat.PhoneObserver;
import io.celestialnexus.bridge.wechat.SendProblem;
import io.celestialnexus.bridge.wechat.Selectors;
import io.celestialnexus.bridge.wechat.WeChatPhone;
import io.celestialnexus.bridge.wechat.WeChatScreen;
import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.support.EngineClock;
import io.celestialnexus.engine.task.Task;
import io.celestialnexus.engine.task.TaskContext;
import io.celestialnexus.engine.task.TaskSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One phone's rounds, run by the engine's {@link io.celestialnexus.engine.task.TaskKeeper} as task
 * {@code device-<serial>}: a phone that disconnects, goes offline or times out fails the step, and the keeper
 * retries it with the engine's one backoff policy.
 *
 * <p>A round: read the chat list; open every chat with an unread badge, any chat an interrupted round opened, and
 * any chat whose preview changed without a badge; check its title, hand its incoming messages to the
 * {@link DeviceActor} (which answers each once), wait there up to {@code poll.answer-wait} for the answers and send
 * them in that chat, go back; then take work from the actor (sends, screenshots, answers that came late) one
 * at a time until the poll interval (jittered) has passed. The connection is kept between rounds and dropped when
 * a round fails, so the next one connects afresh.
 */
final class DeviceTask implements Task {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceTask.class);

  private final AdbEndpoint endpoint;
  private final TaskSettings settings;
  private final BridgeSettings bridge;
  private final AdbConnector connector;
  private final DeviceLink link;
  private final DeviceMeters meters;
  private final EngineClock clock;
  private final DoubleSupplier random;
  private final Pauses pauses;
  private final AtomicReference<Session> idle = new AtomicReference<>();

  DeviceTask(
      AdbEndpoint endpoint,
      BridgeSettings bridge,
      AdbConnector connector,
      DeviceLink link,
      DeviceMeters meters,
      EngineClock clock,
      DoubleSupplier random,
      Pauses pauses) {
    this.endpoint = endpoint;
    this.settings = bridge.deviceTask();
    this.bridge = bridge;
    this.connector = connector;
    this.link = link;
    this.meters = meters;
    this.clock = clock;
    this.random = random;
    this.pauses = pauses;
  }

  static String nameFor(String serial) {
    return "device-" + serial;
  }

  @Override
  public String name() {
    return nameFor(endpoint.serial());
  }

  @Override
  public TaskSettings settings() {
    return settings;
  }

  @Override
  public Map<String, Object> step(TaskContext context) throws Exception {
    // taken, not shared: a round abandoned by the watchdog keeps its session, the next round connects anew
    Session session = idle.getAndSet(null);
    if (session == null) {
      session = open();
    }
    session.context = context;
    try {
      Map<String, Object> fields = round(session);
      idle.set(session);
      return fields;
    } catch (Exception | Error e) {
      session.close();
      throw e;
    }
  }

  private Session open() throws Exception {
    AdbDevice device = connector.connect(endpoint);
    try {
      String version = WeChatPhone.wechatVersion(device);
      Selectors selectors = bridge.selectors().forVersion(version);
      link.identified(version, selectors.description(), selectors.fallback());
      LOG.info("{}: connected ({}), WeChat {}: {}", endpoint.serial(), endpoint.describe(), version, selectors.description());
      return new Session(device, version, selectors);
    } catch (Exception | Error e) {
      device.close();
      throw e;
    }
  }

  private Map<String, Object> round(Session session) throws Exception {
    long start = clock.nanoTime();
    WeChatPhone phone = session.phone;
    DeviceLink.RoundStart known = link.beginRound();
    UiDump list = phone.chatList();
    List<ChatRow> rows = phone.screen().chatList(list);
    for (ChatRow row : rows) {
      if (!row.chat() || row.unread() <= known.abandoned().getOrDefault(row.name(), -1)) {
        continue; // a folder or service row, or one that opened no chat again and again: not for the bridge
      }
      int unread = Math.max(row.unread(), known.pending().getOrDefault(row.name(), 0));
      ChatMemory memory = known.chats().get(row.name());
      boolean changedUnseen = unread == 0 && memory != null && !memory.explains(row.preview());
      if (unread > 0 || changedUnseen) {
        read(phone, row, unread, rows, start + bridge.poll().maxRound().toNanos());
      }
    }
    long waitEnd = clock.nanoTime() + jittered(bridge.poll().interval()).toNanos();
    long roundEnd = start + bridge.poll().maxRound().toNanos();
    while (clock.nanoTime() < roundEnd) {
      long now = clock.nanoTime();
      DeviceLink.Assignment assignment = link.nextWork(Duration.ofNanos(Math.max(0, Math.min(waitEnd, roundEnd) - now)));
      session.fields = fields(session, assignment);
      if (assignment.work() instanceof DeviceLink.SendWork send) {
        send(phone, send);
      } else if (assignment.work() instanceof DeviceLink.ScreenshotWork screenshot) {
        link.screenshot(screenshot.id(), phone.screenshot());
      } else {
        break;
      }
    }
    return session.snapshot();
  }

  /**
   * Opens {@code row}, hands what it shows to the actor, answers in it (see {@link #answerHere}) and goes back. When
   * another chat opened (the list moved under the tap), that chat is handed over instead, with the badge and preview
   * its row had in {@code rows} (at least one message: something moved it up); the row's own chat stays unfinished
   * and is opened again next round. Rows are read top down, so a reply, which moves its chat to the top, moves only
   * rows already read.
   */
  private void read(WeChatPhone phone, ChatRow row, int unread, List<ChatRow> rows, long deadline) throws Exception {
    link.chatOpened(row.name(), unread);
    WeChatPhone.InChat opened = phone.openChat(row);
    if (opened.title().equals(row.name())) {
      link.received(row.name(), incoming(row.name(), opened.bubbles()), tokens(opened.bubbles()), unread, row.preview());
      answerHere(phone, opened, deadline);
      return;
    }
    if (!opened.isChat()) {
      LOG.warn("{}: tapping '{}' opened no chat; it is tried again next round", endpoint.serial(), row.name());
      phone.leave(opened);
      return;
    }
    Optional<ChatRow> moved = rows.stream().filter(other -> other.name().equals(opened.title())).findFirst();
    int movedUnread = Math.max(1, moved.map(ChatRow::unread).orElse(1));
    LOG.info("{}: tapping '{}' opened '{}' (the list moved); reading that one, '{}' next round", endpoint.serial(), row.name(), opened.title(), row.name());
    link.received(
        opened.title(), incoming(opened.title(), opened.bubbles()), tokens(opened.bubbles()), movedUnread, moved.map(ChatRow::preview).orElse(null));
    answerHere(phone, opened, deadline);
  }

  /**
   * Sends the chat's replies while it is open, as the skills answer (each waited for up to {@code poll.answer-wait}),
   * then goes back to the chat list: a reply costs no trip out of the chat and into it again. Messages that arrive
   * meanwhile are handed over after each send and answered here too, until {@code deadline} (the round's
   * {@code max-round}). An answer later than the wait is sent from the chat list on a later round. The send itself is
   * {@link #send}'s: armed with the chat's tail before typing, confirmed by its bubble, so an attempt cut short here is
   * finished (or found sent) by the next one, wherever that is made.
   */
  private void answerHere(WeChatPhone phone, WeChatPhone.InChat opened, long deadline) throws Exception {
    WeChatPhone.InChat here = opened;
    Duration wait = bridge.poll().answerWait();
    while (!wait.isZero() && clock.nanoTime() < deadline) {
      DeviceLink.Assignment assignment = link.nextFor(here.title(), wait);
      if (!(assignment.work() instanceof DeviceLink.SendWork send)) {
        break;
      }
      try {
        WeChatPhone.Sent sent = phone.replyHere(here, send.text(), send.before(), tail -> link.armed(send.key(), tail));
        link.sent(send.key(), sent.outcome() == WeChatPhone.Outcome.ALREADY_THERE);
        link.received(send.chat(), incoming(send.chat(), sent.onScreen()), tokens(sent.onScreen()), 0, null);
        here = sent.chat();
      } catch (SendProblem problem) {
        link.sendFailed(send.key(), problem.getMessage());
        phone.chatList(); // wherever the failed attempt left the screen
        return;
      }
    }
    phone.leave(here);
  }

  private void send(WeChatPhone phone, DeviceLink.SendWork send) throws Exception {
    try {
      WeChatPhone.Sent sent = phone.send(send.chat(), send.text(), send.before(), tail -> link.armed(send.key(), tail));
      link.sent(send.key(), sent.outcome() == WeChatPhone.Outcome.ALREADY_THERE);
      // a message that arrived while the chat was open has no badge: this is where it is seen
      link.received(send.chat(), incoming(send.chat(), sent.onScreen()), tokens(sent.onScreen()), 0, null);
    } catch (SendProblem problem) {
      link.sendFailed(send.key(), problem.getMessage());
    }
  }

  /**
   * The incoming messages on screen, each with a dedup key: phone, chat, time label, text, and which of several
   * identical ones under that label (counted from the top) it is. The sender is left out: a bubble partly scrolled
   * off the top has lost it. Which messages are new is decided by the order of the bubbles (see InboundFilter);
   * the key names a message for its reply and for the first look at a chat.
   */
  private List<ChatMessage> incoming(String chat, List<Bubble> bubbles) {
    var occurrences = new HashMap<String, Integer>();
    var keyed = new ArrayList<ChatMessage>();
    Instant now = clock.instant();
    for (Bubble bubble : bubbles) {
      if (bubble.own()) {
        continue;
      }
      String identity = String.join("\u0000", chat, bubble.timeLabel(), bubble.text());
      int ordinal = occurrences.merge(identity, 1, Integer::sum);
      String key = "phone:" + endpoint.serial() + ":" + sha256(identity + "\u0000" + ordinal);
      keyed.add(ChatMessage.text(ChatMessage.Channel.PHONE, chat, bubble.text(), key, now));
    }
    return List.copyOf(keyed);
  }

  private static List<String> tokens(List<Bubble> bubbles) {
    return bubbles.stream().map(Bubble::token).toList();
  }

  private Duration jittered(Duration interval) {
    double factor = 1 + bridge.poll().jitter() * (2 * random.getAsDouble() - 1);
    return Duration.ofNanos((long) (interval.toNanos() * factor));
  }

  private Map<String, Object> fields(Session session, DeviceLink.Assignment assignment) {
    var fields = new LinkedHashMap<String, Object>();
    fields.put("connection", endpoint.describe());
    fields.put("wechatVersion", session.version);
    fields.put("selectors", session.selectors.set());
    fields.put("queue", assignment.queueLength());
    fields.put("deadLetters", assignment.deadLetters());
    fields.put("received", assignment.received());
    fields.put("sent", assignment.sent());
    return fields;
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** A connection to the phone with its WeChat version's selectors; reports its screen reads as heartbeats. */
  private final class Session implements PhoneObserver {
    final AdbDevice device;
    final String version;
    final Selectors selectors;
    final WeChatPhone phone;
    volatile TaskContext context;
    Map<String, Object> fields;
    Instant lastSeen;

    Session(AdbDevice device, String version, Selectors selectors) {
      this.device = device;
      this.version = version;
      this.selectors = selectors;
      this.phone = new WeChatPhone(device, new WeChatScreen(selectors), new UiDumpParser(), bridge.phone(), pauses, this);
      this.fields = Map.of("connection", endpoint.describe(), "wechatVersion", version, "selectors", selectors.set());
    }

    @Override
    public void dumpParsed(long nanos) {
      meters.dumpParsed(nanos);
    }

    @Override
    public void dumpRetried(UiDumpException.Kind kind) {
      meters.dumpRetried(kind);
    }

    @Override
    public void answered() {
      lastSeen = clock.instant();
      link.seen(lastSeen);
      TaskContext current = context;
      if (current != null) {
        current.progress(snapshot());
      }
    }

    /** The status fields: the last counts, and when the phone last answered. */
    Map<String, Object> snapshot() {
      var snapshot = new LinkedHashMap<String, Object>(fields);
      if (lastSeen != null) {
        snapshot.put("lastSeen", lastSeen);
      }
      return snapshot;
    }

    void close() {
      device.close();
    }
  }
}
