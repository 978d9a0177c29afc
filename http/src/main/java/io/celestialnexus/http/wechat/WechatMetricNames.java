package io.celestialnexus.http.wechat;

/**
 * Names of the Official Account endpoint's meters. Micrometer dot-case; Prometheus sees
 * {@code wechat_requests_total{method,type}}, {@code wechat_request_latency_seconds} (histogram),
 * {@code wechat_signature_fail_total}, {@code wechat_dedup_hits_total}, {@code wechat_rejections_total{reason}},
 * {@code wechat_rate_limited_total}, {@code wechat_late_replies_total},
 * {@code wechat_customer_messages_total{outcome}}, {@code wechat_dead_letters_total} and
 * {@code wechat_access_token_fetches_total{outcome}} and {@code wechat_replay_window_urls} (gauge). Tags are bounded: methods, WeChat's message types (others
 * become "other"), rejection reasons and outcomes are fixed sets.
 */
public final class WechatMetricNames {

  private WechatMetricNames() {}

  public static final String REQUESTS = "wechat.requests";
  public static final String REQUEST_LATENCY = "wechat.request.latency";
  public static final String SIGNATURE_FAILURES = "wechat.signature.fail";
  public static final String DEDUP_HITS = "wechat.dedup.hits";
  public static final String REJECTIONS = "wechat.rejections";
  public static final String RATE_LIMITED = "wechat.rate.limited";
  public static final String LATE_REPLIES = "wechat.late.replies";
  public static final String CUSTOMER_MESSAGES = "wechat.customer.messages";
  public static final String DEAD_LETTERS = "wechat.dead.letters";
  public static final String ACCESS_TOKEN_FETCHES = "wechat.access.token.fetches";
  public static final String REPLAY_WINDOW_URLS = "wechat.replay.window.urls";

  public static final String TAG_METHOD = "method";
  public static final String TAG_TYPE = "type";
  public static final String TAG_REASON = "reason";
  public static final String TAG_OUTCOME = "outcome";
}
