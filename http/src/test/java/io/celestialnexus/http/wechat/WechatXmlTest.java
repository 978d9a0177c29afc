package io.celestialnexus.http.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import io.celestialnexus.engine.chat.ChatReply;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hardened reader against hostile documents, and the reply writer against hostile text. */
class WechatXmlTest {

  private HttpServer bait;
  private final AtomicInteger fetched = new AtomicInteger();

  /** A server an external entity or DTD would be fetched from: it must never be called. */
  @BeforeEach
  void startBait() throws Exception {
    bait = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    bait.createContext(
        "/",
        exchange -> {
          fetched.incrementAndGet();
          byte[] body = "<!ENTITY leaked \"gotcha\">".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    bait.start();
  }

  @AfterEach
  void stopBait() {
    bait.stop(0);
  }

  private String baitUrl() {
    return "http://127.0.0.1:" + bait.getAddress().getPort() + "/evil.dtd";
  }

  private static Map<String, String> parse(String xml) throws WechatRejection {
    return WechatXml.parse(xml.getBytes(StandardCharsets.UTF_8));
  }

  private static WechatRejection.Reason refusal(String xml) {
    return assertThrows(WechatRejection.class, () -> parse(xml)).reason();
  }

  @Test
  void readsEveryFieldOfATextMessage() throws Exception {
    Map<String, String> fields =
        parse("<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o_user]]></FromUserName>"
            + "<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[a <b> & ]]]]><![CDATA[> c]]></Content>"
            + "<MsgId>1234567890123456</MsgId></xml>");
    assertEquals("gh_1", fields.get("ToUserName"));
    assertEquals("a <b> & ]]> c", fields.get("Content"));
    assertEquals("1234567890123456", fields.get("MsgId"));
  }

  @Test
  void nestedLeavesAreReadByTheirOwnName() throws Exception {
    Map<String, String> fields =
        parse("<xml><MsgType>event</MsgType><ScanCodeInfo><ScanType>qrcode</ScanType><ScanResult>r</ScanResult></ScanCodeInfo></xml>");
    assertEquals("qrcode", fields.get("ScanType"));
  }

  @Test
  void anExternalEntityIsRefusedWithoutFetchingIt() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"" + baitUrl() + "\">]><xml><Content>&xxe;</Content></xml>";
    assertEquals(WechatRejection.Reason.DOCTYPE, refusal(xxe));
    String file = "<!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><xml><Content>&xxe;</Content></xml>";
    assertEquals(WechatRejection.Reason.DOCTYPE, refusal(file));
    String externalDtd = "<!DOCTYPE xml SYSTEM \"" + baitUrl() + "\"><xml><Content>&leaked;</Content></xml>";
    assertEquals(WechatRejection.Reason.DOCTYPE, refusal(externalDtd));
    String parameterEntity = "<!DOCTYPE xml [<!ENTITY % remote SYSTEM \"" + baitUrl() + "\"> %remote;]><xml/>";
    assertEquals(WechatRejection.Reason.DOCTYPE, refusal(parameterEntity));
    assertEquals(0, fetched.get(), "nothing may be fetched while refusing");
  }

  @Test
  void billionLaughsIsRefusedWithoutExpandingAnything() {
    StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i < 10; i++) {
      doc.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    doc.append("]><xml><Content>&lol9;</Content></xml>");
    assertEquals(WechatRejection.Reason.DOCTYPE, refusal(doc.toString()));
  }

  @Test
  void anUndeclaredEntityIsMalformed() {
    assertEquals(WechatRejection.Reason.MALFORMED_XML, refusal("<xml><Content>&nope;</Content></xml>"));
  }

  @Test
  void malformedDocumentsAreRefused() {
    assertEquals(WechatRejection.Reason.MALFORMED_XML, refusal("<xml><Content>unclosed</xml>"));
    assertEquals(WechatRejection.Reason.MALFORMED_XML, refusal(""));
    assertEquals(WechatRejection.Reason.MALFORMED_XML, refusal("not xml at all"));
    assertEquals(WechatRejection.Reason.MALFORMED_XML, refusal("<html><Content>x</Content></html>"));
  }

  @Test
  void replyTextSurvivesCdataTerminatorsAndLosesOnlyCharactersXmlCannotHold() throws Exception {
    String hostile = "]]><script>x</script>\u0000\u0007 ok 中文";
    Map<String, String> back = parse(ReplyXml.text("o_user", "gh_1", 1700000000L, hostile));
    assertEquals("]]><script>x</script> ok 中文", back.get("Content"));
    assertEquals("text", back.get("MsgType"));
    assertEquals("1700000000", back.get("CreateTime"));
  }

  @Test
  void everyCdataTerminatorIsSplitIncludingOnesLeftByDroppedCharacters() throws Exception {
    String hostile = "a]]>b]]>]]>c]]\u0001>d";
    Map<String, String> back = parse(ReplyXml.text("o_user", "gh_1", 1L, hostile));
    assertEquals("a]]>b]]>]]>c]]>d", back.get("Content"));
  }

  @Test
  void newsRepliesCarryTheirArticles() throws Exception {
    String xml =
        ReplyXml.news("o_user", "gh_1", 1L, List.of(new ChatReply.Article("标题", "描述", "https://p/1.png", "https://u/1")));
    Map<String, String> back = parse(xml);
    assertEquals("news", back.get("MsgType"));
    assertEquals("1", back.get("ArticleCount"));
    assertEquals("标题", back.get("Title"));
    assertEquals("https://u/1", back.get("Url"));
  }
}
