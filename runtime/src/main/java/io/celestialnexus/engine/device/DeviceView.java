package io.celestialnexus.engine.device;

import io.celestialnexus.engine.status.ErrorInfo;
import io.celestialnexus.engine.status.TaskState;
import java.time.Instant;
import java.util.List;

/**
 * What an operator sees of one phone: its supervision state, when it last answered, the WeChat it runs and
 * how its selectors were chosen, the outgoing queue and the messages that could not be delivered.
 *
 * @param connection how the phone is reached, e.g. {@code adb-server 127.0.0.1:5037} or {@code direct 10.0.0.7:5555}
 * @param origin {@code config} or {@code discovered} (from the adb server's device list)
 * @param lastSeen the end of the last exchange with the phone that succeeded, null before the first
 * @param wechatVersion WeChat's versionName on the phone, null until read
 * @param selectors which selector set reads the screen, and why (a fallback says so)
 * @param nextRetryAt when a phone in backoff is tried again, else null
 * @param deadLetters messages given up, newest first, each with its reason
 * @param queued messages waiting to be sent, oldest (next) first, each with how far it got
 */
public record DeviceView(
    String serial,
    String connection,
    String origin,
    TaskState state,
    Instant lastSeen,
    String wechatVersion,
    String selectors,
    boolean selectorsFallback,
    int queueLength,
    long received,
    long sent,
    int consecutiveFailures,
    long totalRestarts,
    ErrorInfo lastError,
    Instant nextRetryAt,
    List<DeadLetter> deadLetters,
    List<Queued> queued) {

  public DeviceView {
    deadLetters = List.copyOf(deadLetters);
    queued = List.copyOf(queued);
  }

  /**
   * A message waiting to be sent.
   *
   * @param preview the text's first characters (… when cut); {@code length} is the whole text's, in characters
   * @param attempts attempts made so far (failed on the screen, or interrupted by the phone)
   * @param interruptions of those, the ones the phone cut short (connection lost, no usable screen)
   * @param sending an attempt is under way now
   * @param ageSeconds how long it has waited since it was queued
   * @param lastFailure why the last attempt failed, null before the first failed
   */
  public record Queued(
      String key,
      String chat,
      String preview,
      int length,
      int attempts,
      int interruptions,
      boolean sending,
      Instant queuedAt,
      long ageSeconds,
      String lastFailure) {}

  /** An outgoing message given up after its last attempt; kept for the operator, never dropped silently. */
  public record DeadLetter(String key, String chat, String text, int attempts, String reason, Instant at) {}
}
