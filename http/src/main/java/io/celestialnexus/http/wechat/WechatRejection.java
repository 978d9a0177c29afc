package io.celestialnexus.http.wechat;

import java.util.Locale;

/**
 * A request the endpoint refuses, with why. Every reason has its status and its own tag in
 * {@code wechat_rejections_total{reason}}; the client gets the reason and the detail as JSON, never a stack trace.
 */
public final class WechatRejection extends Exception {

  /** Why a request was refused, with the HTTP status it gets. */
  public enum Reason {
    MISSING_PARAMETER(400),
    BAD_PARAMETER(400),
    BAD_SIGNATURE(403),
    STALE_TIMESTAMP(403),
    /** A signed URL already used with another body. */
    REPLAYED(403),
    /** A plaintext message while an AES key is set and compatibility mode is off: a downgrade. */
    PLAINTEXT_REFUSED(403),
    WRONG_RECIPIENT(403),
    TOO_LARGE(413),
    DOCTYPE(400),
    MALFORMED_XML(400),
    MISSING_FIELD(400),
    BAD_BASE64(400),
    BAD_CIPHERTEXT(400),
    BAD_PADDING(400),
    BAD_LENGTH(400),
    WRONG_APPID(400),
    UNSUPPORTED_ENCRYPTION(400),
    AES_NOT_CONFIGURED(400);

    private final int status;

    Reason(int status) {
      this.status = status;
    }

    public int status() {
      return status;
    }

    /** The metrics tag and the JSON {@code error}: {@code bad_signature}, ... */
    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Reason reason;

  public WechatRejection(Reason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public String detail() {
    return getMessage();
  }
}
