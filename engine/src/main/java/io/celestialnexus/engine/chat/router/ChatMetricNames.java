package io.celestialnexus.engine.chat.router;

/** Names of the chat's meters (Prometheus: {@code nexus_chat_replies_total}, ...); tags are bounded by skill names. */
public final class ChatMetricNames {

  private ChatMetricNames() {}

  /** Replies by skill and outcome (ok, failed). */
  public static final String REPLIES = "nexus.chat.replies";
  /** Calls to the external AI service by outcome (ok, timeout, error, breaker_open, busy, not_configured). */
  public static final String EXTERNAL_CALLS = "nexus.chat.external.calls";
  /** Calls to the external AI service in flight now, and waiting for a slot (the bulkhead). */
  public static final String EXTERNAL_IN_FLIGHT = "nexus.chat.external.in.flight";
  public static final String EXTERNAL_QUEUED = "nexus.chat.external.queued";
  /** Calls not made because the bulkhead was full or the queue wait ran out, by reason (full, queue_wait). */
  public static final String EXTERNAL_REJECTED = "nexus.chat.external.rejected";

  public static final String TAG_SKILL = "skill";
  public static final String TAG_OUTCOME = "outcome";
  public static final String TAG_REASON = "reason";
}
