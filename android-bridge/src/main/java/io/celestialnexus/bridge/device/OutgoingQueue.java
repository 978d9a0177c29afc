package io.celestialnexus.bridge.device;

import io.celestialnexus.bridge.BridgeSettings;
import io.celestialnexus.engine.device.DeviceRequestRejected;
import io.celestialnexus.engine.device.DeviceView;
import io.celestialnexus.engine.device.OutgoingReceipt;
import io.celestialnexus.engine.device.OutgoingRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One phone's outgoing messages, sent one at a time in the order queued (per chat: a reply sent in the chat just read
 * may pass messages queued earlier for other chats, see {@link #nextFor}). It decides what is accepted (valid, not a
 * repeat of a known idempotency key, room in the queue), which message goes next, and when a message is given up:
 * after {@code max-attempts} attempts that failed on a healthy phone, or {@code max-interruptions} attempts the phone
 * cut short, it becomes a dead letter (kept, newest first, up to {@code nexus.bridge.dead-letters}), never dropped.
 * The keys of finished messages are remembered with their final status, so a repeated send answers where its message
 * stands instead of sending it twice.
 *
 * <p>Interruptions are counted apart because an attempt the phone cut short (connection dropped right after the send
 * tap, no idle screen to confirm it) may well have sent the message: only the next attempt, which looks for the
 * bubble first, can tell. Counting it as a failed attempt would dead-letter a message that was sent.
 *
 * <p>A message remembers the chat's tail as the first attempt saw it before typing, so a later attempt can look for
 * the bubble an earlier one may have sent. Plain and single-threaded: the {@link DeviceActor} owns it; its clock
 * dates queued messages and dead letters.
 */
final class OutgoingQueue {

  /** Finished keys remembered with their final status; the oldest to finish is forgotten first. */
  static final int FINISHED_KEYS = 1_000;

  /** What became of an API request: accepted or refused. */
  sealed interface RequestOutcome {}

  /** What became of a reply: accepted, or (nobody waits to hear a refusal) dead-lettered. */
  sealed interface ReplyOutcome {}

  /** Queued now ({@code added}), or already known by its key: queued, sent or dead-lettered. */
  record Accepted(String key, OutgoingReceipt.Status status, boolean added) implements RequestOutcome, ReplyOutcome {}

  /** Not queued: invalid, or no room. */
  record Refused(DeviceRequestRejected.Reason reason, String detail) implements RequestOutcome {}

  /** Not queued, no room: given up at once. */
  record DeadLettered(DeviceView.DeadLetter letter) implements ReplyOutcome {}

  /** A failed attempt at message {@code key}: it is tried again, or it was the last and {@code deadLetter} is set. */
  record AttemptFailed(String key, int attempts, DeviceView.DeadLetter deadLetter) {
    boolean gaveUp() {
      return deadLetter != null;
    }
  }

  /** Characters of a queued message's text shown in the phone's view. */
  static final int PREVIEW = 20;

  /** A message waiting to be sent. Replaced, never mutated. */
  private record Outgoing(
      String key, String chat, String text, int attempts, int interruptions, List<String> before, Instant queuedAt, String lastFailure) {
    Outgoing attempted() {
      return new Outgoing(key, chat, text, attempts + 1, interruptions, before, queuedAt, lastFailure);
    }

    Outgoing armed(List<String> tail) {
      return before != null ? this : new Outgoing(key, chat, text, attempts, interruptions, List.copyOf(tail), queuedAt, lastFailure);
    }

    Outgoing failed(String reason, boolean interrupted) {
      return new Outgoing(key, chat, text, attempts, interruptions + (interrupted ? 1 : 0), before, queuedAt, reason);
    }

    /** Attempts that failed on a healthy phone (the one being made, if any, not yet known). */
    int screenFailures() {
      return attempts - interruptions;
    }
  }

  private final String device;
  private final BridgeSettings.Send limits;
  private final int deadLetterCapacity;
  private final Clock clock;
  private final LinkedHashMap<String, Outgoing> waiting = new LinkedHashMap<>();
  private final Map<String, OutgoingReceipt.Status> finished = BoundedMaps.newest(FINISHED_KEYS);
  private final Deque<DeviceView.DeadLetter> deadLetters = new ArrayDeque<>();
  private String inFlight;
  private long sent;

  /**
   * @param device the phone's serial, named in refusals
   * @param deadLetterCapacity dead letters kept ({@code nexus.bridge.dead-letters}, may be 0)
   */
  OutgoingQueue(String device, BridgeSettings.Send limits, int deadLetterCapacity, Clock clock) {
    this.device = device;
    this.limits = limits;
    this.deadLetterCapacity = deadLetterCapacity;
    this.clock = clock;
  }

  /** An API request: refused when invalid or when the queue is full; a blank key gets a fresh one. */
  RequestOutcome request(OutgoingRequest request) {
    String problem = invalid(request);
    if (problem != null) {
      return new Refused(DeviceRequestRejected.Reason.INVALID, problem);
    }
    String key = request.key() == null || request.key().isBlank() ? UUID.randomUUID().toString() : request.key().strip();
    Optional<Accepted> known = known(key);
    if (known.isPresent()) {
      return known.get();
    }
    if (isFull()) {
      return queueFull();
    }
    return add(fresh(key, request.chat().strip(), request.text()));
  }

  /**
   * An operator's replay of dead letter {@code key}: queued again under its key with fresh attempts. Refused when no
   * dead letter has that key, when it holds no text (a reply that never came), or when the queue is full.
   */
  RequestOutcome replay(String key) {
    Optional<DeviceView.DeadLetter> found = deadLetters.stream().filter(letter -> letter.key().equals(key)).findFirst();
    if (found.isEmpty()) {
      return new Refused(DeviceRequestRejected.Reason.UNKNOWN_MESSAGE, device + " keeps no dead letter with key '" + key + "'");
    }
    DeviceView.DeadLetter letter = found.get();
    if (letter.text().isEmpty()) {
      return new Refused(DeviceRequestRejected.Reason.INVALID, "dead letter '" + key + "' has no text to send: " + letter.reason());
    }
    if (isFull()) {
      return queueFull();
    }
    deadLetters.remove(letter);
    finished.remove(key);
    return add(fresh(key, letter.chat(), letter.text()));
  }

  /** A reply to an incoming message: dead-lettered when the queue is full. */
  ReplyOutcome reply(String key, String chat, String text) {
    Optional<Accepted> known = known(key);
    if (known.isPresent()) {
      return known.get();
    }
    var outgoing = fresh(key, chat, text);
    return isFull() ? new DeadLettered(deadLetter(outgoing, "queue full (" + waiting.size() + " waiting)")) : add(outgoing);
  }

  /** A reply that never came: there is nothing to send, but the operator sees why in the dead letters. */
  DeviceView.DeadLetter unanswered(String key, String chat, String reason) {
    return deadLetter(fresh(key, chat, ""), reason);
  }

  /** The oldest waiting message, now in flight with one more attempt; empty while another is in flight. */
  Optional<DeviceLink.SendWork> next() {
    if (inFlight != null) {
      return Optional.empty();
    }
    return waiting.values().stream().findFirst().map(this::attempt);
  }

  /**
   * The oldest waiting message to {@code chat}, now in flight with one more attempt; empty while another is in flight
   * or when none waits for the chat. Taken while the phone is in that chat (a reply right after its message was
   * read), so it may pass messages queued earlier for other chats; within a chat the order queued holds.
   */
  Optional<DeviceLink.SendWork> nextFor(String chat) {
    if (inFlight != null) {
      return Optional.empty();
    }
    return waiting.values().stream().filter(outgoing -> outgoing.chat().equals(chat)).findFirst().map(this::attempt);
  }

  private DeviceLink.SendWork attempt(Outgoing waitingOne) {
    Outgoing next = waitingOne.attempted();
    waiting.put(next.key(), next);
    inFlight = next.key();
    return new DeviceLink.SendWork(next.key(), next.chat(), next.text(), next.attempts(), next.before());
  }

  /** Whether a message is being sent right now (handed out, neither sent nor failed yet). */
  boolean sending() {
    return inFlight != null;
  }

  /** Before the first typing of {@code key}, the chat's last bubbles were {@code tail}; later attempts keep the first. */
  void armed(String key, List<String> tail) {
    waiting.computeIfPresent(key, (k, outgoing) -> outgoing.armed(tail));
  }

  /** Message {@code key} is in its chat: returns its chat, empty when it was not waiting. */
  Optional<String> sent(String key) {
    landed(key);
    Outgoing outgoing = waiting.remove(key);
    if (outgoing == null) {
      return Optional.empty();
    }
    sent++;
    finished.put(key, OutgoingReceipt.Status.SENT);
    return Optional.of(outgoing.chat());
  }

  /** An attempt at {@code key} failed on a healthy phone: it is tried again, or given up after its last attempt. */
  Optional<AttemptFailed> failed(String key, String reason) {
    return failed(key, reason, false);
  }

  /**
   * The phone's round died: the message it was sending (if any) was interrupted, maybe after its send tap. It is
   * tried again (looking for its bubble first) unless it was interrupted {@code max-interruptions} times.
   */
  Optional<AttemptFailed> roundFailed(String reason) {
    return inFlight == null ? Optional.empty() : failed(inFlight, reason, true);
  }

  private Optional<AttemptFailed> failed(String key, String reason, boolean interrupted) {
    landed(key);
    Outgoing before = waiting.get(key);
    if (before == null) {
      return Optional.empty();
    }
    Outgoing outgoing = before.failed(reason, interrupted);
    waiting.put(key, outgoing);
    DeviceView.DeadLetter letter = null;
    if (outgoing.interruptions() >= limits.maxInterruptions()) {
      letter = deadLetter(outgoing, "interrupted " + outgoing.interruptions() + " times by the phone (nexus.bridge.send.max-interruptions); the last: " + reason);
    } else if (!interrupted && outgoing.screenFailures() >= limits.maxAttempts()) {
      letter = deadLetter(outgoing, reason);
    }
    return Optional.of(new AttemptFailed(key, outgoing.attempts(), letter));
  }

  int length() {
    return waiting.size();
  }

  /** Oldest first. */
  List<String> waitingKeys() {
    return List.copyOf(waiting.keySet());
  }

  int deadLetterCount() {
    return deadLetters.size();
  }

  long sentCount() {
    return sent;
  }

  /** Newest first. */
  List<DeviceView.DeadLetter> deadLetters() {
    return List.copyOf(deadLetters);
  }

  /** The waiting messages for the phone's view, oldest (next) first. */
  List<DeviceView.Queued> queued() {
    Instant now = clock.instant();
    return waiting.values().stream()
        .map(outgoing -> new DeviceView.Queued(
            outgoing.key(),
            outgoing.chat(),
            preview(outgoing.text()),
            outgoing.text().codePointCount(0, outgoing.text().length()),
            outgoing.attempts(),
            outgoing.interruptions(),
            outgoing.key().equals(inFlight),
            outgoing.queuedAt(),
            Math.max(0, Duration.between(outgoing.queuedAt(), now).toSeconds()),
            outgoing.lastFailure()))
        .toList();
  }

  private static String preview(String text) {
    int length = text.codePointCount(0, text.length());
    return length <= PREVIEW ? text : text.substring(0, text.offsetByCodePoints(0, PREVIEW)) + "…";
  }

  private Outgoing fresh(String key, String chat, String text) {
    return new Outgoing(key, chat, text, 0, 0, null, clock.instant(), null);
  }

  private String invalid(OutgoingRequest request) {
    if (request.chat() == null || request.chat().isBlank()) {
      return "chat is required: the name of the conversation as the phone's chat list shows it";
    }
    if (request.text() == null || request.text().isBlank()) {
      return "text is required and must not be blank";
    }
    int length = request.text().codePointCount(0, request.text().length());
    if (length > limits.maxTextLength()) {
      return "text has " + length + " characters; at most " + limits.maxTextLength() + " are sent (nexus.bridge.send.max-text-length)";
    }
    return null;
  }

  private Optional<Accepted> known(String key) {
    OutgoingReceipt.Status status = waiting.containsKey(key) ? OutgoingReceipt.Status.QUEUED : finished.get(key);
    return Optional.ofNullable(status).map(known -> new Accepted(key, known, false));
  }

  private Refused queueFull() {
    return new Refused(
        DeviceRequestRejected.Reason.QUEUE_FULL,
        device + " has " + waiting.size() + " messages waiting (nexus.bridge.send.max-queue); try again later");
  }

  private boolean isFull() {
    return waiting.size() >= limits.maxQueue();
  }

  private Accepted add(Outgoing outgoing) {
    waiting.put(outgoing.key(), outgoing);
    return new Accepted(outgoing.key(), OutgoingReceipt.Status.QUEUED, true);
  }

  private void landed(String key) {
    if (key.equals(inFlight)) {
      inFlight = null;
    }
  }

  private DeviceView.DeadLetter deadLetter(Outgoing outgoing, String reason) {
    waiting.remove(outgoing.key());
    finished.put(outgoing.key(), OutgoingReceipt.Status.DEAD_LETTERED);
    var letter = new DeviceView.DeadLetter(outgoing.key(), outgoing.chat(), outgoing.text(), outgoing.attempts(), reason, clock.instant());
    deadLetters.addFirst(letter);
    while (deadLetters.size() > deadLetterCapacity) {
      deadLetters.removeLast();
    }
    return letter;
  }
}
