package io.celestialnexus.http.wechat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Messages and query strings as WeChat's servers send them, for tests. */
final class WechatWire {

  private static final AtomicLong MSG_IDS = new AtomicLong(6_054_768_590_064_713_728L);

  private WechatWire() {}

  static long nextMsgId() {
    return MSG_IDS.incrementAndGet();
  }

  static String now() {
    return Long.toString(Instant.now().getEpochSecond());
  }

  static String text(String from, String content, long msgId) {
    return text(TestWechatSettings.ORIGINAL_ID, from, content, msgId);
  }

  static String text(String to, String from, String content, long msgId) {
    return "<xml><ToUserName><![CDATA[" + to + "]]></ToUserName><FromUserName><![CDATA[" + from + "]]></FromUserName><CreateTime>"
        + now() + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + content + "]]></Content><MsgId>" + msgId
        + "</MsgId></xml>";
  }

  static String event(String from, String event, long createTime) {
    return "<xml><ToUserName><![CDATA[" + TestWechatSettings.ORIGINAL_ID + "]]></ToUserName><FromUserName><![CDATA[" + from
        + "]]></FromUserName><CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[" + event
        + "]]></Event></xml>";
  }

  /** {@code signature=&timestamp=&nonce=} signed with {@code token}. */
  static String signed(String token, String timestamp, String nonce) {
    return "signature=" + WechatSignature.sign(token, timestamp, nonce) + "&timestamp=" + timestamp + "&nonce=" + nonce;
  }

  /** The safe-mode query: both signatures and encrypt_type=aes. */
  static String signedAes(String token, String timestamp, String nonce, String encrypt) {
    return signed(token, timestamp, nonce) + "&encrypt_type=aes&msg_signature=" + WechatSignature.sign(token, timestamp, nonce, encrypt);
  }

  static String envelope(String encrypt) {
    return "<xml><ToUserName><![CDATA[" + TestWechatSettings.ORIGINAL_ID + "]]></ToUserName><Encrypt><![CDATA[" + encrypt
        + "]]></Encrypt></xml>";
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
