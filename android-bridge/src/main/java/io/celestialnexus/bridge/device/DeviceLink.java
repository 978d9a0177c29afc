package io.celestialnexus.bridge.device;

import io.celestialnexus.engine.chat.ChatMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * What a phone's round (running on the step pool) tells and asks its {@link DeviceActor}, which owns the
 * phone's state (its {@link OutgoingQueue} and {@link InboundFilter}), and the records the round gets back. Tells
 * return at once; asks block the round's thread for at most their wait plus the ask timeout.
 */
interface DeviceLink {

  /**
   * What a round starts from: chats an earlier round opened but did not finish (with their unread count), what
   * the bridge last saw of each chat (to notice a chat that changed without a badge), and chats opened too often
   * without a read (with the badge they showed: left alone until it grows).
   */
  record RoundStart(Map<String, Integer> pending, Map<String, ChatMemory> chats, Map<String, Integer> abandoned) {}

  /** What a round should do next, with the phone's counts for its status fields. */
  record Assignment(Work work, int queueLength, int deadLetters, long received, long sent) {}

  /** A unit of work for the phone's round. */
  sealed interface Work {}

  /** Send {@code text} to {@code chat}; {@code before} is the chat's tail as an earlier attempt saw it before typing. */
  record SendWork(String key, String chat, String text, int attempt, List<String> before) implements Work {}

  record ScreenshotWork(long id) implements Work {}

  /** Nothing to do before the round's wait ends. */
  enum NoWork implements Work {
    INSTANCE
  }

  /** The phone runs WeChat {@code version}, read through {@code selectors}. */
  void identified(String version, String selectors, boolean fallback);

  /** The phone answered a screen read at {@code at}. */
  void seen(Instant at);

  /** Starts a round: chats an earlier round opened but did not finish, and what was last seen of each chat. */
  RoundStart beginRound() throws InterruptedException, TimeoutException;

  /** About to open {@code chat}, which shows {@code unread} unread messages (its badge goes away now). */
  void chatOpened(String chat, int unread);

  /**
   * The incoming messages on {@code chat}'s screen (oldest first), to be answered once each, and every text bubble
   * on it as tokens ({@code screen}, oldest first, see {@link io.celestialnexus.bridge.wechat.Bubble#token()}): the
   * messages after the bubbles seen last time are new. The first time a chat is seen, only its newest {@code unread}
   * are new; the ones above them were read before the bridge looked. {@code preview} is the chat-list preview the
   * chat was opened from (null when it was not opened from the list).
   */
  void received(String chat, List<ChatMessage> messages, List<String> screen, int unread, String preview);

  /** The next thing to do, waiting up to {@code maxWait} for one to be queued. */
  Assignment nextWork(Duration maxWait) throws InterruptedException, TimeoutException;

  /**
   * A message to send in {@code chat}, which the round has open right after reading it: one queued for the chat at
   * once, else the answer to a message of the chat that the skills are still working on (waiting up to
   * {@code maxWait}), else (no answer on its way) nothing, at once.
   */
  Assignment nextFor(String chat, Duration maxWait) throws InterruptedException, TimeoutException;

  /** Before typing message {@code key}: the chat's last bubbles were {@code tail} (see WeChatPhone#tail). */
  void armed(String key, List<String> tail);

  /** Message {@code key} is in the chat ({@code alreadyThere}: an earlier attempt had sent it). */
  void sent(String key, boolean alreadyThere);

  /** An attempt to send {@code key} failed on a healthy phone. */
  void sendFailed(String key, String reason);

  /** The screenshot requested as {@code id}. */
  void screenshot(long id, byte[] png);
}
