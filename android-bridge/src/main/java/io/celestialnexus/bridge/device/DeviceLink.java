package io.celestialnexus.bridge.device;

import io.celestialnexus.engine.chat.ChatMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * What a phone's round (running on the step pool) tells and asks its {@link DeviceActor}, which owns the
 * phone's state: the queue, the dead letters, the messages already seen. Tells return at once; asks block the
 * round's thread for at most their wait plus the ask timeout.
 */
interface DeviceLink {

  /** The phone runs WeChat {@code version}, read through {@code selectors}. */
  void identified(String version, String selectors, boolean fallback);

  /** The phone answered a screen read at {@code at}. */
  void seen(Instant at);

  /** Starts a round: chats opened by an earlier round whose messages were not handed over yet, with their unread count. */
  Map<String, Integer> beginRound() throws InterruptedException, TimeoutException;

  /** About to open {@code chat}, which shows {@code unread} unread messages (its badge goes away now). */
  void chatOpened(String chat, int unread);

  /** The newest incoming messages of {@code chat}, to be answered once each. */
  void received(String chat, List<ChatMessage> messages);

  /** The next thing to do, waiting up to {@code maxWait} for one to be queued. */
  DeviceActor.Assignment nextWork(Duration maxWait) throws InterruptedException, TimeoutException;

  /** Before typing message {@code key}: {@code baseline} of our bubbles with its text were on screen. */
  void armed(String key, int baseline);

  /** Message {@code key} is in the chat ({@code alreadyThere}: an earlier attempt had sent it). */
  void sent(String key, boolean alreadyThere);

  /** An attempt to send {@code key} failed on a healthy phone. */
  void sendFailed(String key, String reason);

  /** The screenshot requested as {@code id}. */
  void screenshot(long id, byte[] png);
}
