package io.celestialnexus.app.cli;

import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.engine.support.SettingsReader;
import io.celestialnexus.http.wechat.WechatCrypto;
import io.celestialnexus.http.wechat.WechatSettings;

/** What the wechat commands share: the configured secrets (or one line naming the missing key) and the listener URL. */
final class WechatCli {

  private WechatCli() {}

  static String token(NodeSettings settings) {
    if (!settings.wechat().enabled()) {
      throw reader(settings).invalid("token", "is empty; set WECHAT_TOKEN to the token of the Official Account's server configuration");
    }
    return settings.wechat().primaryToken();
  }

  static WechatCrypto crypto(NodeSettings settings) {
    WechatSettings wechat = settings.wechat();
    byte[] key =
        wechat.aesKey().orElseThrow(() -> reader(settings).invalid("encoding-aes-key", "is empty; --encrypted needs WECHAT_ENCODING_AES_KEY"));
    return new WechatCrypto(key, wechat.appId());
  }

  static String listenerUrl(WechatSettings wechat) {
    String host = wechat.listener().host();
    if (host.equals("0.0.0.0") || host.equals("::")) {
      host = "127.0.0.1";
    }
    return "http://" + host + ":" + wechat.listener().port() + "/" + wechat.path();
  }

  static String abbreviate(String body) {
    String line = body.replace('\n', ' ').strip();
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }

  private static SettingsReader reader(NodeSettings settings) {
    return new SettingsReader(settings.config(), "nexus.http.wechat");
  }
}
