package io.celestialnexus.app.cli;

import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.http.wechat.WechatCrypto;
import io.celestialnexus.http.wechat.WechatRejection;
import io.celestialnexus.http.wechat.WechatSettings;
import io.celestialnexus.http.wechat.WechatSignature;
import io.celestialnexus.http.wechat.WechatXml;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Sends a text message to the webhook as WeChat's servers would (signed, and encrypted in safe mode: with
 * {@code --encrypted}, or whenever an AES key is configured without compatibility mode, since the node then refuses
 * plaintext), checks the reply's own signature, decrypts it and prints what the person would read.
 */
@Command(name = "simulate", description = "Send TEXT to the webhook as WeChat would and print the (decrypted) reply.")
public final class WechatSimulateCommand implements Callable<Integer> {

  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TEXT", description = "What the person types, e.g. 帮助")
  String text;

  @Option(
      names = "--encrypted",
      description = "Safe mode: encrypt with the configured EncodingAESKey and AppID (implied when a key is set and WECHAT_COMPAT_MODE is not 1).")
  boolean encrypted;

  @Option(names = "--url", paramLabel = "URL", description = "The webhook (default: the configured wechat listener).")
  String url;

  @Option(names = "--from", paramLabel = "OPENID", defaultValue = "nexus-simulator", description = "The sender's OpenID (default: ${DEFAULT-VALUE}).")
  String from;

  @Override
  public Integer call() throws Exception {
    NodeSettings settings = config.settings();
    WechatSettings wechat = settings.wechat();
    String token = WechatCli.token(settings);
    PrintWriter out = spec.commandLine().getOut();
    boolean safeModeOnly = wechat.safeModeConfigured() && !wechat.compatMode();
    Optional<WechatCrypto> crypto = encrypted || safeModeOnly ? Optional.of(WechatCli.crypto(settings)) : Optional.empty();

    String timestamp = Long.toString(Instant.now().getEpochSecond());
    String nonce = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 10_000_000_000L));
    long msgId = ThreadLocalRandom.current().nextLong(1L << 60, Long.MAX_VALUE);
    String to = wechat.originalId().isEmpty() ? "gh_nexus_simulator" : wechat.originalId();
    String xml =
        "<xml><ToUserName><![CDATA[" + to + "]]></ToUserName><FromUserName><![CDATA[" + from + "]]></FromUserName><CreateTime>"
            + timestamp + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + text + "]]></Content><MsgId>" + msgId
            + "</MsgId></xml>";
    String query = "signature=" + WechatSignature.sign(token, timestamp, nonce) + "&timestamp=" + timestamp + "&nonce=" + nonce;
    String body = xml;
    if (crypto.isPresent()) {
      String encrypt = crypto.get().encrypt(xml);
      query += "&encrypt_type=aes&msg_signature=" + WechatSignature.sign(token, timestamp, nonce, encrypt);
      body = "<xml><ToUserName><![CDATA[" + to + "]]></ToUserName><Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>";
    }
    String target = url != null ? url : WechatCli.listenerUrl(wechat);
    HttpResponse<String> response;
    try {
      response =
          HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
              .send(
                  HttpRequest.newBuilder(URI.create(target + (target.contains("?") ? "&" : "?") + query))
                      .timeout(Duration.ofSeconds(10))
                      .header("Content-Type", "application/xml; charset=utf-8")
                      .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                      .build(),
                  HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      out.println("FAIL  " + target + ": " + e);
      out.flush();
      return 1;
    }
    if (response.statusCode() != 200) {
      out.println("FAIL  HTTP " + response.statusCode() + ": " + WechatCli.abbreviate(response.body()));
      out.flush();
      return 1;
    }
    if (response.body().isEmpty() || response.body().equals("success")) {
      out.println("(no reply: the endpoint answered \"success\"; a slow reply comes later through the customer-service API)");
      out.flush();
      return 0;
    }
    try {
      Map<String, String> reply = WechatXml.parse(response.body().getBytes(StandardCharsets.UTF_8));
      if (crypto.isPresent()) {
        String encrypt = reply.get("Encrypt");
        String expected = WechatSignature.sign(token, reply.get("TimeStamp"), reply.get("Nonce"), encrypt);
        if (encrypt == null || reply.get("MsgSignature") == null || !WechatSignature.same(expected, reply.get("MsgSignature"))) {
          out.println("FAIL  the reply's MsgSignature does not verify with our token");
          out.flush();
          return 1;
        }
        reply = WechatXml.parse(crypto.get().decrypt(encrypt).getBytes(StandardCharsets.UTF_8));
      }
      out.println("news".equals(reply.get("MsgType")) ? "[news] " + reply.get("Title") + "\n" + reply.get("Url") : reply.get("Content"));
      out.flush();
      return 0;
    } catch (WechatRejection e) {
      out.println("FAIL  unreadable reply (" + e.reason().tag() + ": " + e.detail() + ")");
      out.flush();
      return 1;
    }
  }
}
