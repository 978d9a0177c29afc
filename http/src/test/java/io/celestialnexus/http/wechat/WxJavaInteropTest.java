package io.celestialnexus.http.wechat;

import static io.celestialnexus.http.wechat.WechatWire.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.celestialnexus.engine.status.StatusBoard;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import me.chanjar.weixin.mp.util.crypto.WxMpCryptUtil;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * WxJava, an independent implementation, as the other side: what it encrypts (as WeChat would) our server accepts,
 * and our encrypted replies it decrypts after verifying their signature and AppID.
 */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WxJavaInteropTest {

  @JUnit5TestKit public ActorTestKit testKit = ActorTestKit.create();

  private final HttpClient client = HttpClient.newHttpClient();
  private FakeWechatApi wechat;
  private TestListener listener;
  private WxMpCryptUtil wxJava;

  @BeforeAll
  void start() throws Exception {
    wechat = new FakeWechatApi();
    TestProbe<StatusBoard.Command> board = testKit.createTestProbe();
    listener =
        TestListener.start(
            testKit,
            TestWechatSettings.settings(Files.createTempDirectory("wxjava"), wechat.baseUrl(), ""),
            new ScriptedSkills(),
            board.getRef(),
            new SimpleMeterRegistry());
    var config = new WxMpDefaultConfigImpl();
    config.setAppId(FakeWechatApi.APP_ID);
    config.setToken(TestWechatSettings.TOKEN);
    config.setAesKey(TestWechatSettings.AES_KEY);
    wxJava = new WxMpCryptUtil(config);
  }

  @AfterAll
  void stop() {
    wechat.close();
  }

  private HttpResponse<String> postAsWechat(String plainXml) throws Exception {
    // WxJava builds the safe-mode envelope exactly as WeChat's servers send it
    String envelope = wxJava.encrypt(plainXml);
    Map<String, String> fields = WechatXml.parse(envelope.getBytes(StandardCharsets.UTF_8));
    String timestamp = fields.get("TimeStamp");
    String nonce = fields.get("Nonce");
    String url =
        listener.webhook() + "?" + signed(TestWechatSettings.TOKEN, timestamp, nonce) + "&encrypt_type=aes&msg_signature="
            + fields.get("MsgSignature");
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void whatWxJavaEncryptsWeAcceptAndWhatWeEncryptWxJavaDecrypts() throws Exception {
    HttpResponse<String> response = postAsWechat(text("o_wxjava", "来自 WxJava 的问候", nextMsgId()));
    assertEquals(200, response.statusCode(), response.body());
    Map<String, String> reply = WechatXml.parse(response.body().getBytes(StandardCharsets.UTF_8));
    // WxJava checks our MsgSignature (token, our timestamp, our nonce, Encrypt) and our AppID before it decrypts
    String plain = wxJava.decryptXml(reply.get("MsgSignature"), reply.get("TimeStamp"), reply.get("Nonce"), response.body());
    Map<String, String> fields = WechatXml.parse(plain.getBytes(StandardCharsets.UTF_8));
    assertEquals("echo: 来自 WxJava 的问候", fields.get("Content"));
    assertEquals("o_wxjava", fields.get("ToUserName"));
  }

  @Test
  void ourCiphertextDecryptsInWxJavaAndTheirsInOurs() throws Exception {
    WechatCrypto ours = new WechatCrypto(WechatCrypto.decodeKey(TestWechatSettings.AES_KEY), FakeWechatApi.APP_ID);
    String xml = "<xml><Content><![CDATA[往返 round trip]]></Content></xml>";
    assertEquals(xml, wxJava.decrypt(ours.encrypt(xml)));
    var context = wxJava.encryptContext(xml);
    assertEquals(xml, ours.decrypt(context.getEncrypt()));
    assertEquals(context.getSignature(), WechatSignature.sign(TestWechatSettings.TOKEN, context.getTimeStamp(), context.getNonce(), context.getEncrypt()));
  }
}
