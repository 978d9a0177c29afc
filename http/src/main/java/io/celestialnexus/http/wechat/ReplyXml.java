package io.celestialnexus.http.wechat;

import io.celestialnexus.engine.chat.ChatReply;
import java.util.List;

/** The XML WeChat expects back: passive text and news replies, and the safe-mode envelope around them. */
public final class ReplyXml {

  /** WeChat shows at most this many articles in one news reply. */
  static final int MAX_ARTICLES = 8;

  private static final String CDATA_END = "]]>";
  private static final String SPLIT_CDATA_END = "]]]]><![CDATA[>";

  private ReplyXml() {}

  public static String text(String toUser, String fromUser, long createTime, String content) {
    StringBuilder xml = head(toUser, fromUser, createTime, "text", content == null ? 0 : content.length());
    xml.append("<Content>");
    cdata(xml, content);
    return xml.append("</Content></xml>").toString();
  }

  public static String news(String toUser, String fromUser, long createTime, List<ChatReply.Article> articles) {
    List<ChatReply.Article> shown = articles.subList(0, Math.min(articles.size(), MAX_ARTICLES));
    StringBuilder xml = head(toUser, fromUser, createTime, "news", 256 * shown.size());
    xml.append("<ArticleCount>").append(shown.size()).append("</ArticleCount><Articles>");
    for (ChatReply.Article article : shown) {
      xml.append("<item><Title>");
      cdata(xml, article.title());
      xml.append("</Title><Description>");
      cdata(xml, article.description());
      xml.append("</Description><PicUrl>");
      cdata(xml, article.pictureUrl());
      xml.append("</PicUrl><Url>");
      cdata(xml, article.url());
      xml.append("</Url></item>");
    }
    return xml.append("</Articles></xml>").toString();
  }

  /** The safe-mode reply: the encrypted XML with its own signature, timestamp and nonce. */
  public static String encrypted(String encrypt, String signature, long timestamp, String nonce) {
    StringBuilder xml = new StringBuilder(256 + encrypt.length()).append("<xml><Encrypt>");
    cdata(xml, encrypt);
    xml.append("</Encrypt><MsgSignature>");
    cdata(xml, signature);
    xml.append("</MsgSignature><TimeStamp>").append(timestamp).append("</TimeStamp><Nonce>");
    cdata(xml, nonce);
    return xml.append("</Nonce></xml>").toString();
  }

  // One builder per reply, sized up front: replies are built for every message, and building each CDATA section
  // as its own string was a tenth of the webhook's garbage (JFR).
  private static StringBuilder head(String toUser, String fromUser, long createTime, String type, int bodyLength) {
    StringBuilder xml = new StringBuilder(192 + toUser.length() + fromUser.length() + bodyLength).append("<xml><ToUserName>");
    cdata(xml, toUser);
    xml.append("</ToUserName><FromUserName>");
    cdata(xml, fromUser);
    xml.append("</FromUserName><CreateTime>").append(createTime).append("</CreateTime><MsgType>");
    cdata(xml, type);
    return xml.append("</MsgType>");
  }

  /**
   * Appends a CDATA section holding {@code text} exactly: "]]>" is split across two sections, and characters XML 1.0
   * cannot carry at all (control characters other than tab and newlines) are dropped.
   */
  static void cdata(StringBuilder xml, String text) {
    xml.append("<![CDATA[");
    int start = xml.length();
    boolean bracket = false;
    if (text != null) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if ((c >= 0x20 && c != 0xFFFE && c != 0xFFFF) || c == '\t' || c == '\n' || c == '\r') {
          xml.append(c);
          bracket |= c == ']';
        }
      }
    }
    // searching the builder is not free (it held 2 % of the CPU under load): only text with a ']' can need it
    for (int at = bracket ? xml.indexOf(CDATA_END, start) : -1; at >= 0; at = xml.indexOf(CDATA_END, at + SPLIT_CDATA_END.length())) {
      xml.replace(at, at + CDATA_END.length(), SPLIT_CDATA_END);
    }
    xml.append(CDATA_END);
  }
}
