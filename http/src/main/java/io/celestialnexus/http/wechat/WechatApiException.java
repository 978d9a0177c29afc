package io.celestialnexus.http.wechat;

import java.util.Set;

/** WeChat's API answered with a non-zero {@code errcode}. */
public final class WechatApiException extends Exception {

  /** errcodes that mean "this access token is invalid or expired": refresh it and retry once. */
  private static final Set<Integer> TOKEN_REJECTED = Set.of(40001, 40014, 42001);

  private final int errcode;

  public WechatApiException(int errcode, String errmsg) {
    super("errcode " + errcode + ": " + errmsg, null, false, false);
    this.errcode = errcode;
  }

  public int errcode() {
    return errcode;
  }

  public boolean tokenRejected() {
    return TOKEN_REJECTED.contains(errcode);
  }
}
