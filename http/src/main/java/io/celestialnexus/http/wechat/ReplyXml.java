package io.celestialnexus.http.wechat;

import io.celestialnexus.engine.chat.ChatReply;
import java.util.List;

/** The XML WeChat expects back: passive text and news replies, and the safe-mode envelope around them. */
public final class ReplyXml {

  /** WeChat shows at most this many articles in one news reply. */
  static final int MAX_ARTICLES = 8;

  private ReplyXml() {}

  public static String text(String toUser, String fromUser, long createTime, String content) {
    return head(toUser, fromUser, createTime, "text") + "<Content>" + cdata(content) + "</Content></xml>";
  }

  public static String news(String toUser, String fromUser, long createTime, List<ChatReply.Article> articles) {
    List<ChatReply.Article> shown = articles.subList(0, Math.min(articles.size(), MAX_ARTICLES));
    StringBuilder xml =
        new StringBuilder(head(toUser, fromUser, createTime, "news"))
            .append("<ArticleCount>")
            .append(shown.size())
            .append("</ArticleCount><Articles>");
    for (ChatReply.Article article : shown) {
      xml.append("<item><Title>")
          .append(cdata(article.title()))
          .append("</Title><Description>")
          .append(cdata(article.description()))
          .append("</Description><PicUrl>")
          .append(cdata(article.pictureUrl()))
          .append("</PicUrl><Url>")
          .append(cdata(article.url()))
          .append("</Url></item>");
    }
    return xml.append("</Articles></xml>").toString();
  }

  /** The safe-mode reply: the encrypted XML with its own signature, timestamp and nonce. */
  public static String encrypted(String encrypt, String signature, long timestamp, String nonce) {
    return "<xml><Encrypt>" + cdata(encrypt) + "</Encrypt><MsgSignature>" + cdata(signature) + "</MsgSignature><TimeStamp>"
        + timestamp + "</TimeStamp><Nonce>" + cdata(nonce) + "</Nonce></xml>";
  }

  private static String head(String toUser, String fromUser, long createTime, String type) {
    return "<xml><ToUserName>" + cdata(toUser) + "</ToUserName><FromUserName>" + cdata(fromUser) + "</FromUserName><CreateTime>"
        + createTime + "</CreateTime><MsgType>" + cdata(type) + "</MsgType>";
  }

  /**
   * A CDATA section holding {@code text} exactly: "]]>" is split across two sections, and characters XML 1.0
   * cannot carry at all (control characters other than tab and newlines) are dropped.
   */
  static String cdata(String text) {
    String value = text == null ? "" : text;
    StringBuilder clean = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c >= 0x20 && c != 0xFFFE && c != 0xFFFF) || c == '\t' || c == '\n' || c == '\r') {
        clean.append(c);
      }
    }
    return "<![CDATA[" + clean.toString().replace("]]>", "]]]]><![CDATA[>") + "]]>";
  }
}
