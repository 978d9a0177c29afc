package io.celestialnexus.bench;

import io.celestialnexus.http.wechat.ReplyXml;
import io.celestialnexus.http.wechat.WechatCrypto;
import io.celestialnexus.http.wechat.WechatRejection;
import io.celestialnexus.http.wechat.WechatSignature;
import io.celestialnexus.http.wechat.WechatXml;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import me.chanjar.weixin.mp.util.crypto.WxMpCryptUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * One safe-mode round trip of a typical text message, ours beside WxJava's {@code WxMpCryptUtil} in the same JMH
 * run: read the envelope, verify msg_signature, decrypt (inbound), then encrypt the reply, sign it and build its
 * envelope (outbound). Both sides get the same envelope, token, key and AppID.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WechatCryptoBench {

  static final String TOKEN = "bench-token";
  static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  static final String APP_ID = "wx0123456789abcdef";
  static final String REPLY =
      "<xml><ToUserName><![CDATA[o6_bmjrPTlm6_2sgVt7hMZOPfL2M]]></ToUserName><FromUserName><![CDATA[gh_1234567890ab]]></FromUserName>"
          + "<CreateTime>1700000001</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[双色球 2026097 期融合推荐：03 08 15 21 27 33 + 09。"
          + "随机基线：每注期望命中红球 1.0909 个；结论：没有证据表明优于随机。]]></Content></xml>";

  private WechatCrypto ours;
  private WechatSignature signatures;
  private WxMpCryptUtil wxJava;
  private byte[] envelope;
  private String envelopeText;
  private String timestamp;
  private String nonce;
  private String msgSignature;

  @Setup
  public void setUp() {
    ours = new WechatCrypto(WechatCrypto.decodeKey(AES_KEY), APP_ID);
    signatures = new WechatSignature(List.of(TOKEN));
    var config = new WxMpDefaultConfigImpl();
    config.setAppId(APP_ID);
    config.setToken(TOKEN);
    config.setAesKey(AES_KEY);
    wxJava = new WxMpCryptUtil(config);
    String inbound =
        "<xml><ToUserName><![CDATA[gh_1234567890ab]]></ToUserName><FromUserName><![CDATA[o6_bmjrPTlm6_2sgVt7hMZOPfL2M]]></FromUserName>"
            + "<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[双色球]]></Content>"
            + "<MsgId>6054768590064713728</MsgId></xml>";
    timestamp = "1700000000";
    nonce = "1320562132";
    String encrypt = ours.encrypt(inbound);
    msgSignature = WechatSignature.sign(TOKEN, timestamp, nonce, encrypt);
    envelopeText = "<xml><ToUserName><![CDATA[gh_1234567890ab]]></ToUserName><Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>";
    envelope = envelopeText.getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public String ours() throws WechatRejection {
    Map<String, String> fields = WechatXml.parse(envelope);
    String encrypt = fields.get("Encrypt");
    String token = signatures.verify(msgSignature, timestamp, nonce, encrypt).orElseThrow();
    String inbound = ours.decrypt(encrypt);
    String reply = ours.encrypt(REPLY);
    String replySignature = WechatSignature.sign(token, timestamp, nonce, reply);
    return ReplyXml.encrypted(reply, replySignature, 1700000001L, nonce) + inbound.length();
  }

  @Benchmark
  public String wxJava() {
    String inbound = wxJava.decryptXml(msgSignature, timestamp, nonce, envelopeText);
    return wxJava.encrypt(REPLY) + inbound.length();
  }

  public static void main(String[] args) throws Exception {
    Collection<RunResult> results =
        new Runner(
                new OptionsBuilder()
                    .include(WechatCryptoBench.class.getName() + "\\.")
                    .warmupIterations(3)
                    .warmupTime(TimeValue.seconds(2))
                    .measurementIterations(5)
                    .measurementTime(TimeValue.seconds(2))
                    .forks(1)
                    .threads(1)
                    .build())
            .run();
    double oursScore = 0;
    double peerScore = 0;
    for (RunResult result : results) {
      String label = result.getPrimaryResult().getLabel();
      double score = result.getPrimaryResult().getScore();
      if (label.equals("ours")) {
        oursScore = score;
      } else if (label.equals("wxJava")) {
        peerScore = score;
      }
    }
    Bench.note("ours:   %.0f round trips/s (read envelope, verify, decrypt, encrypt, sign, build envelope)", oursScore);
    Bench.note("WxJava: %.0f round trips/s (decryptXml + encrypt)", peerScore);
    Bench.result("wechat-crypto", oursScore, "ops/s");
    Bench.result("wechat-crypto.peer", peerScore, "ops/s");
    Bench.result("wechat-crypto.ratio", oursScore / peerScore, "x");
  }
}
