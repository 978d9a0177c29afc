package io.celestialnexus.engine.chat.router;

/** Names of the chat's meters (Prometheus: {@code nexus_chat_replies_total}, ...); tags are bounded by skill names. */
public final class ChatMetricNames {

  private ChatMetricNames() {}

  /** Replies by skill and outcome (ok, failed). */
  public static final String REPLIES = "nexus.chat.replies";
  /** Calls to the external AI service by outcome (ok, timeout, error, breaker_open, not_configured). */
  public static final String EXTERNAL_CALLS = "nexus.chat.external.calls";

  public static final String TAG_SKILL = "skill";
  public static final String TAG_OUTCOME = "outcome";
}
